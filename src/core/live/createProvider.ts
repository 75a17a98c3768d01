import * as path from 'node:path';
import type { LiveSource } from '../config/types';
import { CommandProvider } from './commandProvider';
import { LiveStateError, type LiveStateProvider } from './provider';
import { SnapshotProvider } from './snapshotProvider';
import { UnsupportedProvider } from './unsupportedProvider';

export interface LiveProviderContext {
  /** Folder of youops.yaml: relative paths and commands resolve against it. */
  rootDir: string;
  /** Workspace trust: providers that run processes refuse to start without it. */
  trusted: boolean;
  kubectlPath?: string;
}

/** Builds the provider for an environment's `live:` source. Throws LiveStateError when refused. */
export function createLiveProvider(source: LiveSource, ctx: LiveProviderContext): LiveStateProvider {
  switch (source.provider) {
    case 'snapshot':
      return new SnapshotProvider(path.resolve(ctx.rootDir, source.path));
    case 'command':
      requireTrust('command', ctx);
      return new CommandProvider({ argv: source.argv, cwd: ctx.rootDir, timeoutMs: source.timeoutMs });
    case 'kubectl':
      requireTrust('kubectl', ctx);
      return new UnsupportedProvider('kubectl');
    case 'gitRef':
    case 'argocd':
      return new UnsupportedProvider(source.provider);
  }
}

function requireTrust(provider: string, ctx: LiveProviderContext): void {
  if (!ctx.trusted) {
    throw new LiveStateError(provider, `the ${provider} live source runs a process: trust this workspace to use it`);
  }
}
