import type { ArgoAppStatus } from '../agent/agentStatus';
import { isRecord } from '../manifests/resourceId';
import { parseRevision, type DeployedRevision } from '../revision/deployedRevision';

/**
 * An Application's own state as Argo CD reports it: sync status and the revision it is
 * synced to (`status.sync.revision`), health, the followed `targetRevision`, and the last
 * operation (`status.operationState`: phase Running/Succeeded/Failed/Error/Terminating).
 */
export function readArgoAppStatus(app: unknown, name: string, appNamespace?: string): ArgoAppStatus {
  const obj = isRecord(app) ? app : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const sync = isRecord(status.sync) ? status.sync : {};
  const health = isRecord(status.health) ? status.health : {};
  const op = isRecord(status.operationState) ? status.operationState : undefined;
  const source = gitSource(obj);
  const syncedRevision = source ? revisionAt(sync, source.index) : undefined;
  const operationRevision = op && isRecord(op.syncResult) ? revisionAt(op.syncResult, source?.index ?? 0) : undefined;
  return {
    agent: 'argocd',
    app: name,
    ...(appNamespace ? { appNamespace } : {}),
    ...(typeof sync.status === 'string' ? { sync: sync.status } : {}),
    ...(typeof health.status === 'string' ? { health: health.status } : {}),
    ...(syncedRevision ? { syncedRevision } : {}),
    ...(source?.targetRevision ? { targetRevision: source.targetRevision } : {}),
    ...(op && typeof op.phase === 'string'
      ? {
          operation: {
            phase: op.phase,
            ...(typeof op.message === 'string' && op.message ? { message: op.message } : {}),
            ...(typeof op.startedAt === 'string' ? { startedAt: op.startedAt } : {}),
            ...(typeof op.finishedAt === 'string' ? { finishedAt: op.finishedAt } : {}),
            ...(operationRevision ? { revision: operationRevision } : {}),
          },
        }
      : {}),
  };
}

/** What the application is synced to, as a commit when its source is a Git repository (a Helm repository's is a chart version). */
export function argoDeployedRevision(app: unknown, label: string): DeployedRevision | undefined {
  const obj = isRecord(app) ? app : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const sync = isRecord(status.sync) ? status.sync : {};
  const source = gitSource(obj);
  const revision = source ? revisionAt(sync, source.index) : undefined;
  if (!revision) return undefined;
  const from = `Argo CD application ${label}`;
  if (source?.chart) return { text: revision, from }; // a chart version, whatever it looks like
  return parseRevision(revision, from);
}

/**
 * The source whose revision means a commit: `spec.source`, or of multi-source apps
 * (`spec.sources`, revisions in `status.sync.revisions[i]`) the first Git one.
 */
function gitSource(app: Record<string, unknown>): { index: number; targetRevision?: string; chart?: string } | undefined {
  const spec = isRecord(app.spec) ? app.spec : {};
  const describe = (s: Record<string, unknown>, index: number) => ({
    index,
    ...(typeof s.targetRevision === 'string' ? { targetRevision: s.targetRevision } : {}),
    ...(typeof s.chart === 'string' && s.chart ? { chart: s.chart } : {}),
  });
  if (Array.isArray(spec.sources) && spec.sources.length) {
    const sources = spec.sources.filter(isRecord);
    const i = sources.findIndex((s) => !(typeof s.chart === 'string' && s.chart));
    return describe(sources[Math.max(i, 0)], Math.max(i, 0));
  }
  return describe(isRecord(spec.source) ? spec.source : {}, -1);
}

/** `revision` (single source, index -1) or `revisions[index]`. */
function revisionAt(holder: Record<string, unknown>, index: number): string | undefined {
  if (index < 0 || !Array.isArray(holder.revisions)) return typeof holder.revision === 'string' && holder.revision ? holder.revision : undefined;
  const r = holder.revisions[index];
  return typeof r === 'string' && r ? r : undefined;
}
