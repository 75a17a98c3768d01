import { shortRevision, parseRevision } from '../revision/deployedRevision';

/**
 * The state the GitOps agent itself reports for an environment, beside YouOps' own drift:
 * a Flux Kustomization or HelmRelease, or an Argo CD Application. Views show
 * describeAgentStatus(); operations compare before/after values.
 */
export type AgentStatus = FluxObjectStatus | ArgoAppStatus;

/** kstatus-style summary of a Flux object's conditions. */
export type FluxState = 'Ready' | 'NotReady' | 'Reconciling' | 'Stalled' | 'Suspended' | 'Unknown';

export type FluxKind = 'Kustomization' | 'HelmRelease';

export interface FluxObjectStatus {
  agent: 'flux';
  /** Kustomization or HelmRelease; a source kind (GitRepository, …) while reconciling with its source. */
  kind: string;
  name: string;
  namespace: string;
  /** The kubectl context it was read through, when youops.yaml names one. */
  context?: string;
  state: FluxState;
  /** The Ready condition's status, reason and message. */
  ready?: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  suspended: boolean;
  /** What was applied (a source: the revision of its artifact). */
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  /** The last `reconcile.fluxcd.io/requestedAt` value the controller acted on. */
  lastHandledReconcileAt?: string;
  generation?: number;
  observedGeneration?: number;
  /** The source it reconciles from (`spec.sourceRef`, or a HelmRelease's chart source). */
  source?: { kind: string; name: string; namespace: string };
}

export interface ArgoAppStatus {
  agent: 'argocd';
  app: string;
  appNamespace?: string;
  /** Synced / OutOfSync / Unknown. */
  sync?: string;
  /** Healthy / Progressing / Degraded / Suspended / Missing / Unknown. */
  health?: string;
  /** `status.sync.revision`: what the app is synced to. */
  syncedRevision?: string;
  /** `spec.source.targetRevision`: the branch, tag or version it follows. */
  targetRevision?: string;
  /** The last (or running) operation: `status.operationState`. */
  operation?: { phase: string; message?: string; startedAt?: string; finishedAt?: string; revision?: string };
}

/**
 * One line for a tree row or status bar: `Ready · applied main@sha1:a1b2c3d`,
 * `Not ready: kustomize build failed: …`, `Suspended · applied …`,
 * `Synced · Healthy · a1b2c3d · last sync Succeeded`.
 */
export function describeAgentStatus(status: AgentStatus): string {
  return status.agent === 'flux' ? describeFlux(status) : describeArgo(status);
}

/** Whose state it is: `Flux Kustomization flux-system/prod`, `Argo CD application shop`. */
export function agentObjectLabel(status: AgentStatus): string {
  return status.agent === 'flux' ? `Flux ${status.kind} ${status.namespace}/${status.name}` : `Argo CD application ${status.appNamespace ? `${status.appNamespace}/` : ''}${status.app}`;
}

function describeFlux(s: FluxObjectStatus): string {
  const applied = s.lastAppliedRevision ? `applied ${shortFluxRevision(s.lastAppliedRevision)}` : 'nothing applied yet';
  const message = s.message ? oneLine(s.message) : undefined;
  switch (s.state) {
    case 'Ready':
      return `Ready · ${applied}`;
    case 'Suspended':
      return `Suspended · ${applied}`;
    case 'Reconciling':
      return `Reconciling${message ? `: ${message}` : ''} · ${applied}`;
    case 'Stalled':
      return `Stalled${message ? `: ${message}` : ''}`;
    case 'NotReady':
      return `Not ready${message ? `: ${message}` : ''}`;
    case 'Unknown':
      return `No status yet${message ? `: ${message}` : ''}`;
  }
}

function describeArgo(s: ArgoAppStatus): string {
  const parts = [s.sync ?? 'Unknown', ...(s.health ? [s.health] : [])];
  if (s.syncedRevision) parts.push(shortRevision(parseRevision(s.syncedRevision, 'argocd') ?? { text: s.syncedRevision, from: 'argocd' }));
  if (s.operation) parts.push(`last sync ${s.operation.phase}${s.operation.phase !== 'Succeeded' && s.operation.message ? `: ${oneLine(s.operation.message)}` : ''}`);
  return parts.join(' · ');
}

/** `main@sha1:a1afe267b54f…` → `main@sha1:a1afe26`; other forms unchanged. */
export function shortFluxRevision(revision: string): string {
  return revision.replace(/(sha1:|sha256:|\/)([0-9a-f]{7})[0-9a-f]{5,}$/i, '$1$2');
}

function oneLine(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
