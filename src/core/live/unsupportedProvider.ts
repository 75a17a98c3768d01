import { LiveStateError, type LiveState, type LiveStateProvider } from './provider';

/** Placeholder for providers not built yet: the environment shows a clear Error, nothing crashes. */
export class UnsupportedProvider implements LiveStateProvider {
  constructor(readonly name: string) {}

  fetch(): Promise<LiveState> {
    return Promise.reject(new LiveStateError(this.name, `${this.name} live state is not supported yet`));
  }
}
