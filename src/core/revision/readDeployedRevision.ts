import type { EnvironmentConfig } from '../config/types';
import type { EnvironmentState } from '../environments/environmentState';
import { liveProviderContext, type EvaluationContext } from '../environments/evaluateEnvironment';
import { createLiveProvider } from '../live/createProvider';
import { LiveStateError } from '../live/provider';
import type { DeployedRevisionReport } from './whereIsCommit';

/**
 * Each environment's deployed revision, read the cheap way (one Flux object, one Argo CD
 * application, one revision file, one ref) without fetching its live objects. Sources that
 * never know a revision (kubectl, command) say so instead. Never throws: a failure is that
 * environment's report.
 */
export async function readDeployedRevisions(environments: readonly EnvironmentConfig[], ctx: EvaluationContext): Promise<DeployedRevisionReport[]> {
  return Promise.all(
    environments.map(async (env): Promise<DeployedRevisionReport> => {
      const report = { env: env.name, ...(env.branch ? { branch: env.branch } : {}) };
      if (!env.live) return { ...report, deployed: new Error('it has no live source') };
      try {
        const provider = createLiveProvider(env.live, liveProviderContext(env, ctx));
        if (!provider.deployedRevision) {
          return { ...report, deployed: new Error(`a ${env.live.provider} live source does not say which commit runs (flux, argocd, gitRef and snapshots with a revision file do)`) };
        }
        return { ...report, deployed: await provider.deployedRevision(ctx.signal) };
      } catch (e) {
        return { ...report, deployed: e instanceof LiveStateError ? e : new LiveStateError(env.live.provider, (e as Error).message) };
      }
    }),
  );
}

/**
 * The same reports from environments already evaluated (what the editor's store holds), so
 * "where is this commit?" needs no second round trip to the clusters.
 */
export function deployedRevisionReports(states: readonly EnvironmentState[]): DeployedRevisionReport[] {
  return states.map((s) => ({
    env: s.config.name,
    ...(s.config.branch ? { branch: s.config.branch } : {}),
    deployed: s.revision?.deployed ?? (s.drift.error ? new Error(s.drift.error) : s.config.live ? undefined : new Error('it has no live source')),
  }));
}
