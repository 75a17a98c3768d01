import * as path from 'node:path';
import type { LiveSource } from '../config/types';
import { ArgoCdProvider } from './argocdProvider';
import { CommandProvider } from './commandProvider';
import { FluxProvider, fluxObjectRef } from './fluxProvider';
import { GitRefProvider } from './gitRefProvider';
import { KubectlProvider } from './kubectlProvider';
import { LiveStateError, type LiveStateProvider } from './provider';
import { SnapshotProvider } from './snapshotProvider';

export interface LiveProviderContext {
  /** Folder of youops.yaml: relative paths and commands resolve against it. */
  rootDir: string;
  /** Workspace trust: providers that run processes or send credentials refuse to start without it. */
  trusted: boolean;
  kubectlPath?: string;
  /** The environment's manifests entries: what a gitRef source reads at its ref unless it sets `path`. */
  manifests?: string[];
  /** Argo CD bearer token. */
  token?: string;
  /** Argo CD bearer token looked up per server (e.g. from SecretStorage) on every fetch; used when `token` is unset. */
  getToken?: (server: string) => Promise<string | undefined>;
}

/** Builds the provider for an environment's `live:` source. Throws LiveStateError when refused. */
export function createLiveProvider(source: LiveSource, ctx: LiveProviderContext): LiveStateProvider {
  switch (source.provider) {
    case 'snapshot':
      return new SnapshotProvider(path.resolve(ctx.rootDir, source.path));
    case 'gitRef':
      return new GitRefProvider({ rootDir: ctx.rootDir, ref: source.ref, manifests: source.path ? [source.path] : (ctx.manifests ?? []) });
    case 'command':
      requireTrust('command', ctx, 'runs a process');
      return new CommandProvider({ argv: source.argv, cwd: ctx.rootDir, timeoutMs: source.timeoutMs });
    case 'kubectl':
      requireTrust('kubectl', ctx, 'runs a process');
      return new KubectlProvider({ kubectlPath: ctx.kubectlPath, context: source.context, namespace: source.namespace, kubeconfig: source.kubeconfig, cwd: ctx.rootDir });
    case 'flux':
      requireTrust('flux', ctx, 'runs kubectl');
      return new FluxProvider({ kubectlPath: ctx.kubectlPath, context: source.context, kubeconfig: source.kubeconfig, cwd: ctx.rootDir, object: fluxObjectRef(source) });
    case 'argocd': {
      // An untrusted youops.yaml could name any server: the token must not go there.
      requireTrust('argocd', ctx, 'sends your Argo CD token to the configured server');
      const { token, getToken } = ctx;
      return new ArgoCdProvider({
        server: source.server,
        app: source.app,
        appNamespace: source.appNamespace,
        insecure: source.insecure,
        getToken: token !== undefined ? async () => token : getToken && (() => getToken(source.server)),
      });
    }
  }
}

function requireTrust(provider: string, ctx: LiveProviderContext, what: string): void {
  if (!ctx.trusted) {
    throw new LiveStateError(provider, `the ${provider} live source ${what}: trust this workspace to use it`);
  }
}
