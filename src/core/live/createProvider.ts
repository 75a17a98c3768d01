import * as path from 'node:path';
import { liveSecretHost, type LiveProviderName, type LiveSourceOf } from '../config/liveSources';
import type { LiveSource } from '../config/types';
import type { KustomizeRenderer } from '../kustomize/kustomizeRenderer';
import type { ParsedFileCache } from '../files/parsedFileCache';
import { ArgoCdProvider } from './argocdProvider';
import { CommandProvider } from './commandProvider';
import { FluxProvider, fluxObjectRef } from './fluxProvider';
import { GitRefProvider } from './gitRefProvider';
import { KubectlProvider } from './kubectlProvider';
import { LiveStateError, type LiveStateProvider } from './provider';
import { SnapshotProvider } from './snapshotProvider';

/**
 * A credential by the kind of source (or transport) that sends it and the host it goes to.
 * VS Code answers from SecretStorage, the CLI from the environment; the value is only ever
 * sent to that host.
 */
export type SecretLookup = (kind: string, host: string) => Promise<string | undefined>;

export interface LiveProviderContext {
  /** Folder of youops.yaml: relative paths and commands resolve against it. */
  rootDir: string;
  /** Workspace trust: providers that run processes or send credentials refuse to start without it. */
  trusted: boolean;
  kubectlPath?: string;
  /** `youops.kustomize.path` and the renderer of the desired state: a gitRef source renders kustomizations too. */
  kustomizePath?: string;
  renderer?: KustomizeRenderer;
  /** The environment's manifests entries: what a gitRef source reads at its ref unless it sets `path`. */
  manifests?: string[];
  /** Asked on every fetch, so a token set meanwhile is used at the next refresh. */
  secret?: SecretLookup;
  /** Parsed exports by path, so an unchanged snapshot file is not read again. */
  files?: ParsedFileCache;
}

type Factory<K extends LiveProviderName> = (source: LiveSourceOf<K>, ctx: LiveProviderContext) => LiveStateProvider;

/** One factory per kind of LIVE_SOURCES: a kind without one does not compile. */
const FACTORIES: { [K in LiveProviderName]: Factory<K> } = {
  snapshot: (source, ctx) => new SnapshotProvider(path.resolve(ctx.rootDir, source.path), ctx.rootDir, ctx.files),
  gitRef: (source, ctx) =>
    new GitRefProvider({
      rootDir: ctx.rootDir,
      ref: source.ref,
      manifests: source.path ? [source.path] : (ctx.manifests ?? []),
      // Kustomizations at the ref are rendered where the desired state is (trusted workspaces).
      ...(ctx.trusted ? { render: { trusted: true, kubectlPath: ctx.kubectlPath, kustomizePath: ctx.kustomizePath, renderer: ctx.renderer } } : {}),
    }),
  command: (source, ctx) => {
    requireTrust('command', ctx, 'runs a process');
    return new CommandProvider({ argv: source.argv, cwd: ctx.rootDir, timeoutMs: source.timeoutMs });
  },
  kubectl: (source, ctx) => {
    requireTrust('kubectl', ctx, 'runs a process');
    return new KubectlProvider({ kubectlPath: ctx.kubectlPath, context: source.context, namespace: source.namespace, kubeconfig: source.kubeconfig, cwd: ctx.rootDir });
  },
  argocd: (source, ctx) => {
    // An untrusted youops.yaml could name any server: the token must not go there.
    requireTrust('argocd', ctx, 'sends your Argo CD token to the configured server');
    return new ArgoCdProvider({ server: source.server, app: source.app, appNamespace: source.appNamespace, insecure: source.insecure, getToken: sourceToken(source, ctx.secret) });
  },
  flux: (source, ctx) => {
    requireTrust('flux', ctx, 'runs kubectl');
    return new FluxProvider({ kubectlPath: ctx.kubectlPath, context: source.context, kubeconfig: source.kubeconfig, cwd: ctx.rootDir, object: fluxObjectRef(source) });
  },
};

/** Builds the provider for an environment's `live:` source. Throws LiveStateError when refused. */
export function createLiveProvider(source: LiveSource, ctx: LiveProviderContext): LiveStateProvider {
  return (FACTORIES[source.provider] as Factory<LiveProviderName>)(source, ctx);
}

/** The source's credential, looked up for its own kind and host on every call; undefined when it sends none. */
export function sourceToken(source: LiveSource, lookup: SecretLookup | undefined): (() => Promise<string | undefined>) | undefined {
  const host = liveSecretHost(source);
  return host !== undefined && lookup ? () => lookup(source.provider, host) : undefined;
}

function requireTrust(provider: string, ctx: LiveProviderContext, what: string): void {
  if (!ctx.trusted) {
    throw new LiveStateError(provider, `the ${provider} live source ${what}: trust this workspace to use it`);
  }
}
