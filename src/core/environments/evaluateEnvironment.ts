import * as path from 'node:path';
import type { EnvironmentConfig, YouOpsConfig } from '../config/types';
import { computeEnvironmentDrift } from '../drift/environmentDrift';
import { currentBranch, recentCommits } from '../git/history';
import type { KustomizeRenderer } from '../kustomize/kustomizeRenderer';
import { createLiveProvider, type LiveProviderContext, type SecretLookup } from '../live/createProvider';
import { LiveStateError, type LiveState, type LiveStateProvider } from '../live/provider';
import type { ManifestResource } from '../manifests/manifestResource';
import { compareRevision } from '../revision/compareRevision';
import { markHistory } from '../revision/historyMarks';
import { desiredFromArgoCd } from './argocdDesired';
import type { EnvironmentState } from './environmentState';
import type { EvaluationCache } from './evaluationCache';
import { loadDesiredState, type DesiredState } from './loadDesiredState';

export interface EvaluationContext {
  /** Folder the config's relative paths are resolved against. */
  rootDir: string;
  /** Workspace Trust: untrusted folders run no process and send nothing. */
  trusted: boolean;
  kubectlPath?: string;
  /** `youops.kustomize.path`: the kustomize (or kubectl) that renders kustomizations; default kubectlPath. */
  kustomizePath?: string;
  /** Keeps renders between evaluations (default: one per process). */
  renderer?: KustomizeRenderer;
  /** Credentials of live sources by kind and host (VS Code: SecretStorage; CLI: the environment). */
  secret?: SecretLookup;
  signal?: AbortSignal;
  /** Kept across refreshes by a long-lived caller (the extension): unchanged files and comparisons are reused. */
  cache?: EvaluationCache;
  /**
   * What this refresh may take from the cache instead of asking again: after a save only the
   * desired state changed, so the last live state and history still hold.
   */
  reuse?: { live?: boolean; history?: boolean };
}

/**
 * Desired state from Git (the working tree, or the environment's `branch`), live state
 * from the environment's provider, and the drift between; the agent's own state, the
 * deployed revision against the branch and the History commits marked against it when the
 * source reports them.
 */
export async function evaluateEnvironment(env: EnvironmentConfig, config: YouOpsConfig, ctx: EvaluationContext): Promise<EnvironmentState> {
  const paths = env.manifests.map(globBase);
  const { cache } = ctx;
  // A snapshot is re-read anyway: unchanged files cost a stat, and the saved file may be the export itself.
  const reuseLive = ctx.reuse?.live && env.live?.provider !== 'snapshot';
  // A source that does not need the desired resources (an export, Argo CD, a command) is read while the desired state is.
  const keptLive = reuseLive ? cache?.live.get(env.name) : undefined;
  const source = env.live && !keptLive ? liveSource(env, ctx) : undefined;
  const early = source && !(source instanceof LiveStateError) && !source.targeted ? fetchLive(env, source, [], ctx.signal) : undefined;
  const keptHistory = ctx.reuse?.history ? cache?.history.get(env.name) : undefined;
  // History at HEAD can start right away unless the environment has a branch of its own.
  const [branch, headHistory] = keptHistory
    ? [keptHistory.branch, keptHistory.commits]
    : await Promise.all([currentBranch(ctx.rootDir), env.branch ? undefined : recentCommits(ctx.rootDir, paths)]);
  let desired: DesiredState;
  try {
    desired = await loadDesiredState(env, ctx.rootDir, branch, ctx.signal, { trusted: ctx.trusted, kustomizePath: ctx.kustomizePath, kubectlPath: ctx.kubectlPath, renderer: ctx.renderer }, cache?.files);
  } catch (err) {
    // Without desired state there is nothing to compare: the environment shows the reason.
    const message = `cannot read the desired state${env.branch ? ` on branch "${env.branch}"` : ''}: ${(err as Error).message}`;
    const drift = computeEnvironmentDrift([], new LiveStateError('branch', message), config.drift);
    return { config: env, drift, manifestErrors: [], history: headHistory ?? [], branch };
  }
  const { manifests, desiredRef, rendering } = desired;
  const history = headHistory ?? (await recentCommits(ctx.rootDir, paths, 10, desiredRef?.commit));
  cache?.history.set(env.name, { branch, commits: history });

  const argoDesired = env.live?.provider === 'argocd' && env.live.desired === 'argocd';
  // What the agent would apply is unknown when kustomize failed: comparing the raw files would report
  // false drift. The agent's own state and the deployed revision still hold, so the source is still asked.
  const unrendered = rendering?.status === 'failed' && !argoDesired ? new LiveStateError('kustomize', rendering.reason ?? 'kustomize could not render the manifests') : undefined;
  let live: LiveState | LiveStateError | undefined = !unrendered ? keptLive : undefined;
  if (env.live && !live) {
    const provider = source ?? liveSource(env, ctx);
    live = early ? await early : provider instanceof LiveStateError ? provider : await fetchLive(env, provider, unrendered ? [] : manifests.resources, ctx.signal);
    // A targeted source fetched for no resources: not the live state of the next refresh.
    if (!ctx.signal?.aborted && !(unrendered && !early)) cache?.live.set(env.name, live);
  }
  const fetched = live instanceof LiveStateError ? undefined : live;
  // desired: argocd: Argo CD's rendering is what is compared, placed at the workspace files that render the same objects.
  const desiredResources = argoDesired && fetched?.desired ? desiredFromArgoCd(fetched.desired, manifests.resources) : manifests.resources;
  const drift = computeEnvironmentDrift(desiredResources, unrendered ?? live, config.drift, cache?.comparisons);
  const liveSummary = fetched?.summary;
  const agent = fetched?.agent;
  const revision = fetched?.revision ? await compareRevision(ctx.rootDir, fetched.revision, env.branch, ctx.signal) : undefined;
  const marks = revision?.deployedCommit
    ? await markHistory(ctx.rootDir, history.map((c) => c.hash), revision.deployedCommit, ctx.signal).catch(() => undefined)
    : undefined;
  return {
    config: env,
    drift,
    manifestErrors: manifests.errors,
    history,
    branch: desiredRef?.branch ?? branch,
    ...(desiredRef ? { desiredRef } : {}),
    ...(argoDesired ? { rendering: { status: 'rendered' as const, tool: 'Argo CD', overlays: rendering?.overlays ?? [] } } : rendering ? { rendering } : {}),
    ...(liveSummary ? { liveSummary } : {}),
    ...(agent ? { agent } : {}),
    ...(revision ? { revision } : {}),
    ...(marks?.size ? { historyMarks: Object.fromEntries(marks) } : {}),
  };
}

/** The environment's live provider, or why there is none. */
function liveSource(env: EnvironmentConfig, ctx: EvaluationContext): LiveStateProvider | LiveStateError {
  try {
    return createLiveProvider(env.live!, liveProviderContext(env, ctx));
  } catch (err) {
    return err instanceof LiveStateError ? err : new LiveStateError(env.live!.provider, (err as Error).message);
  }
}

/** Live state, or the error that is the environment's state instead (never a rejection: an early fetch may not be awaited). */
async function fetchLive(env: EnvironmentConfig, provider: LiveStateProvider, resources: ManifestResource[], signal: AbortSignal | undefined): Promise<LiveState | LiveStateError> {
  try {
    return await provider.fetch({ resources, signal });
  } catch (err) {
    return err instanceof LiveStateError ? err : new LiveStateError(env.live!.provider, (err as Error).message);
  }
}

/** What the environment's live provider is built with. */
export function liveProviderContext(env: EnvironmentConfig, ctx: EvaluationContext): LiveProviderContext {
  return {
    rootDir: ctx.rootDir,
    trusted: ctx.trusted,
    kubectlPath: ctx.kubectlPath,
    kustomizePath: ctx.kustomizePath,
    renderer: ctx.renderer,
    manifests: env.manifests,
    secret: ctx.secret,
    files: ctx.cache?.files,
  };
}

/** `envs/prod/**\/*.yaml` → `envs/prod`: the path Git history is asked about. */
function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const i = parts.findIndex((p) => /[*?[{]/.test(p));
  const base = i < 0 ? parts : parts.slice(0, i);
  return base.length ? path.join(...base) : '.';
}
