import { sleep } from '../chatops/sleep';

export interface WaitOptions {
  timeoutMs: number;
  pollMs: number;
  signal?: AbortSignal;
}

/**
 * Polls `read` until `done` holds, the time is up or the signal aborts; resolves with the
 * last value read and whether it is done. Read errors propagate (the caller words them).
 */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, options: WaitOptions): Promise<{ value: T; done: boolean }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return { value, done: true };
    const left = deadline - Date.now();
    if (left <= 0 || options.signal?.aborted) return { value, done: false };
    await sleep(Math.min(options.pollMs, left), options.signal);
  }
}
