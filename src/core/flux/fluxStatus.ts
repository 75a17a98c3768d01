import type { FluxKind, FluxObjectStatus, FluxState } from '../agent/agentStatus';
import { isRecord } from '../manifests/resourceId';
import { chartVersionRevision, parseRevision, type DeployedRevision } from '../revision/deployedRevision';
import { formatFluxRef, type FluxRef } from './fluxApi';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * The agent's state of a Flux object as kustomize-controller and helm-controller write it:
 * the Ready condition (reason, message), Stalled and Reconciling (kstatus), `spec.suspend`,
 * lastApplied/lastAttemptedRevision (a HelmRelease v2 keeps the applied chart in
 * `status.history[0]`), lastHandledReconcileAt and the generations.
 */
export function readFluxStatus(object: unknown, kind: string, context?: string): FluxObjectStatus {
  const obj = isRecord(object) ? object : {};
  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isCondition) : [];
  const condition = (type: string): Condition | undefined => conditions.find((c) => c.type === type);
  const ready = condition('Ready');
  const generation = num(metadata.generation);
  const observedGeneration = num(status.observedGeneration);
  const suspended = spec.suspend === true;

  let state: FluxState;
  if (suspended) state = 'Suspended';
  else if (condition('Stalled')?.status === 'True') state = 'Stalled';
  else if (condition('Reconciling')?.status === 'True') state = 'Reconciling';
  else if (ready?.status === 'True') state = generation !== undefined && observedGeneration !== undefined && observedGeneration < generation ? 'Reconciling' : 'Ready';
  else if (ready?.status === 'False') state = 'NotReady';
  else if (ready?.status === 'Unknown') state = 'Reconciling';
  else state = 'Unknown';
  // The Stalled condition explains itself better than a Ready=False beside it.
  const explaining = state === 'Stalled' ? condition('Stalled') : state === 'Reconciling' && ready?.status !== 'False' ? (condition('Reconciling') ?? ready) : ready;

  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return {
    agent: 'flux',
    kind,
    name,
    namespace,
    ...(context ? { context } : {}),
    state,
    ...(ready ? { ready: ready.status as 'True' | 'False' | 'Unknown' } : {}),
    ...(explaining?.reason ? { reason: explaining.reason } : {}),
    ...(explaining?.message ? { message: explaining.message } : {}),
    suspended,
    ...optional('lastAppliedRevision', appliedRevision(kind, status)),
    ...optional('lastAttemptedRevision', str(status.lastAttemptedRevision)),
    ...optional('lastHandledReconcileAt', str(status.lastHandledReconcileAt)),
    ...(generation !== undefined ? { generation } : {}),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
    ...(sourceOf(kind, spec, status, namespace) ? { source: sourceOf(kind, spec, status, namespace) } : {}),
  };
}

/**
 * What the object runs, as a Git commit where it names one: a Kustomization's
 * lastAppliedRevision (or, for OCI sources, lastAppliedOriginRevision: the commit the
 * artifact was built from); a HelmRelease's deployed chart version, whose `+<sha>` suffix is
 * a commit only for charts built from a GitRepository with `reconcileStrategy: Revision`.
 */
export function fluxDeployedRevision(object: unknown, kind: FluxKind): DeployedRevision | undefined {
  const obj = isRecord(object) ? object : {};
  const status = isRecord(obj.status) ? obj.status : {};
  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  const from = formatFluxRef({ kind, name: String(metadata.name ?? ''), namespace: String(metadata.namespace ?? '') });
  if (kind === 'Kustomization') {
    const origin = str(status.lastAppliedOriginRevision);
    const originRevision = origin ? parseRevision(origin, from) : undefined;
    if (originRevision?.commit) return originRevision;
    const applied = str(status.lastAppliedRevision);
    return applied ? parseRevision(applied, from) : undefined;
  }
  const applied = appliedRevision(kind, status);
  if (!applied) return undefined;
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const chartSpec = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : {};
  const fromGit = isRecord(chartSpec.sourceRef) && chartSpec.sourceRef.kind === 'GitRepository' && chartSpec.reconcileStrategy === 'Revision';
  return chartVersionRevision(applied, from, fromGit);
}

function appliedRevision(kind: string, status: Record<string, unknown>): string | undefined {
  if (kind === 'Kustomization') return str(status.lastAppliedRevision);
  if (kind !== 'HelmRelease') return isRecord(status.artifact) ? str(status.artifact.revision) : undefined; // a source
  // helm-controller v2: the latest release first; a failed upgrade's entry is not what runs.
  const history = Array.isArray(status.history) ? status.history.filter(isRecord) : [];
  const deployed = history.find((h) => h.status === 'deployed') ?? history[0];
  if (deployed && typeof deployed.chartVersion === 'string') {
    return typeof deployed.chartName === 'string' ? `${deployed.chartName}@${deployed.chartVersion}` : deployed.chartVersion;
  }
  return str(status.lastAppliedRevision); // v2beta1
}

/** What `--with-source` reconciles first. */
function sourceOf(kind: string, spec: Record<string, unknown>, status: Record<string, unknown>, namespace: string): FluxRef | undefined {
  if (kind === 'Kustomization') return refOf(spec.sourceRef, namespace);
  if (kind !== 'HelmRelease') return undefined;
  const chartRef = refOf(spec.chartRef, namespace);
  if (chartRef) return chartRef;
  // The HelmChart helm-controller made from spec.chart, reported as `<namespace>/<name>`.
  const helmChart = str(status.helmChart);
  const slash = helmChart?.indexOf('/') ?? -1;
  return helmChart && slash > 0 ? { kind: 'HelmChart', namespace: helmChart.slice(0, slash), name: helmChart.slice(slash + 1) } : undefined;
}

function refOf(value: unknown, defaultNamespace: string): FluxRef | undefined {
  if (!isRecord(value) || typeof value.kind !== 'string' || typeof value.name !== 'string') return undefined;
  return { kind: value.kind, name: value.name, namespace: typeof value.namespace === 'string' && value.namespace ? value.namespace : defaultNamespace };
}

function isCondition(c: unknown): c is Condition {
  return isRecord(c) && typeof c.type === 'string' && typeof c.status === 'string';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value !== undefined ? ({ [key]: value } as Record<K, string>) : {};
}
