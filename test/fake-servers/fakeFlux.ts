import type { ApiResource, StoredObject } from './fakeKubeApiServer';

/**
 * Flux on the fake Kubernetes API server: its CRDs as discovery serves them (Kustomization
 * v1, HelmRelease v2, the source kinds v1), objects with status written the way
 * kustomize-controller and helm-controller write it (conditions, lastApplied/Attempted
 * revisions, inventory `<namespace>_<name>_<group>_<kind>` + `v`, history), and a controller
 * that answers reconcile requests. Shapes follow Flux's API docs (kustomize-controller
 * docs/spec/v1/kustomizations.md "Kustomization Status", helm-controller docs/spec/v2/helmreleases.md
 * "HelmRelease Status") and the Flux CLI's reconcile/suspend/resume commands.
 */
export const FLUX_RESOURCES: ApiResource[] = [
  { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', kind: 'Kustomization', plural: 'kustomizations', namespaced: true, shortNames: ['ks'] },
  { group: 'helm.toolkit.fluxcd.io', version: 'v2', kind: 'HelmRelease', plural: 'helmreleases', namespaced: true, shortNames: ['hr'] },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'GitRepository', plural: 'gitrepositories', namespaced: true, shortNames: ['gitrepo'] },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'HelmRepository', plural: 'helmrepositories', namespaced: true, shortNames: ['helmrepo'] },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'HelmChart', plural: 'helmcharts', namespaced: true, shortNames: ['hc'] },
  { group: 'source.toolkit.fluxcd.io', version: 'v1', kind: 'OCIRepository', plural: 'ocirepositories', namespaced: true, shortNames: ['ocirepo'] },
];

const TRANSITION = '2025-05-01T10:00:00Z';

export interface InventoryItem {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** `shop_web_apps_Deployment` + `v1`, as Flux writes an inventory entry (RBAC colons as `__`). */
export function inventoryEntry(item: InventoryItem): { id: string; v: string } {
  const slash = item.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : item.apiVersion.slice(0, slash);
  const version = item.apiVersion.slice(slash + 1);
  return { id: `${item.namespace ?? ''}_${item.name.replaceAll(':', '__')}_${group}_${item.kind}`, v: version };
}

export interface KustomizationOptions {
  name: string;
  namespace?: string;
  /** `main@sha1:<sha>` */
  revision?: string;
  ready?: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  suspend?: boolean;
  /** Absent = no status.inventory at all. */
  inventory?: InventoryItem[];
  source?: { kind: string; name: string };
  generation?: number;
  observedGeneration?: number;
  lastHandledReconcileAt?: string;
  stalled?: { reason: string; message: string };
}

/** A Kustomization as kubectl returns it after kustomize-controller reconciled it. */
export function fluxKustomization(o: KustomizationOptions): StoredObject {
  const ready = o.ready ?? 'True';
  const generation = o.generation ?? 1;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: o.name, namespace: o.namespace ?? 'flux-system', generation, resourceVersion: '100', uid: `uid-${o.name}` },
    spec: {
      interval: '10m',
      path: `./clusters/${o.name}`,
      prune: true,
      sourceRef: { kind: o.source?.kind ?? 'GitRepository', name: o.source?.name ?? 'flux-system' },
      ...(o.suspend !== undefined ? { suspend: o.suspend } : {}),
    },
    status: {
      conditions: [
        ...(o.stalled ? [{ type: 'Stalled', status: 'True', reason: o.stalled.reason, message: o.stalled.message, lastTransitionTime: TRANSITION, observedGeneration: generation }] : []),
        {
          type: 'Ready',
          status: ready,
          reason: o.reason ?? (ready === 'True' ? 'ReconciliationSucceeded' : ready === 'False' ? 'BuildFailed' : 'Progressing'),
          message: o.message ?? (ready === 'True' ? `Applied revision: ${o.revision}` : 'Reconciliation in progress'),
          lastTransitionTime: TRANSITION,
          observedGeneration: generation,
        },
      ],
      observedGeneration: o.observedGeneration ?? generation,
      ...(o.revision ? { lastAppliedRevision: o.revision, lastAttemptedRevision: o.revision } : {}),
      ...(o.lastHandledReconcileAt ? { lastHandledReconcileAt: o.lastHandledReconcileAt } : {}),
      ...(o.inventory ? { inventory: { entries: o.inventory.map(inventoryEntry) } } : {}),
    },
  };
}

/** A GitRepository with its artifact, as source-controller reports it. */
export function fluxGitRepository(name: string, revision: string, namespace = 'flux-system'): StoredObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace, generation: 1, resourceVersion: '50' },
    spec: { interval: '1m', url: 'https://github.com/acme/fleet', ref: { branch: 'main' } },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: `stored artifact for revision '${revision}'`, lastTransitionTime: TRANSITION, observedGeneration: 1 }],
      observedGeneration: 1,
      artifact: { revision, digest: 'sha256:0f0f', lastUpdateTime: TRANSITION, path: `gitrepository/${namespace}/${name}/x.tar.gz`, url: 'http://source-controller/x.tar.gz' },
    },
  };
}

export interface HelmReleaseOptions {
  name: string;
  namespace?: string;
  chart: string;
  /** The deployed chart version: `6.5.3`, or `6.5.3+<sha12>` for a Git chart with reconcileStrategy Revision. */
  version: string;
  fromGit?: boolean;
  ready?: 'True' | 'False';
  message?: string;
  suspend?: boolean;
}

/** A HelmRelease v2 with history, as helm-controller writes it. */
export function fluxHelmRelease(o: HelmReleaseOptions): StoredObject {
  const namespace = o.namespace ?? 'flux-system';
  const ready = o.ready ?? 'True';
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: o.name, namespace, generation: 1, resourceVersion: '70' },
    spec: {
      interval: '15m',
      chart: { spec: { chart: o.fromGit ? `./charts/${o.chart}` : o.chart, sourceRef: { kind: o.fromGit ? 'GitRepository' : 'HelmRepository', name: 'charts' }, ...(o.fromGit ? { reconcileStrategy: 'Revision' } : {}) } },
      ...(o.suspend !== undefined ? { suspend: o.suspend } : {}),
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'UpgradeSucceeded' : 'UpgradeFailed',
          message: o.message ?? `Helm upgrade succeeded for release ${namespace}/${o.name}.v2 with chart ${o.chart}@${o.version}`,
          lastTransitionTime: TRANSITION,
          observedGeneration: 1,
        },
      ],
      observedGeneration: 1,
      helmChart: `${namespace}/${namespace}-${o.name}`,
      history: [{ chartName: o.chart, chartVersion: o.version, appVersion: '1.0.0', name: o.name, namespace, status: 'deployed', version: 2, digest: 'sha256:1a1a', firstDeployed: TRANSITION, lastDeployed: TRANSITION }],
      lastAttemptedRevision: o.version,
      lastAttemptedReleaseAction: 'upgrade',
    },
  };
}

/** How the fake controller answers the next reconcile request of an object. */
export interface ReconcileBehaviour {
  /** ready: Ready=True at `revision`; fail: Ready=False with `message`; ignore: never handled (a stopped controller). */
  outcome: 'ready' | 'fail' | 'ignore';
  revision?: string;
  message?: string;
  /** Time the "reconciliation" takes; meanwhile Ready=Unknown and Reconciling=True. */
  delayMs?: number;
}

/**
 * A controller for the fake server's onWrite hook: when a Flux object's
 * `reconcile.fluxcd.io/requestedAt` differs from `status.lastHandledReconcileAt` (or its
 * generation from observedGeneration) and it is not suspended, it marks it Reconciling,
 * then after `delayMs` writes the outcome as the Flux controllers do: lastHandledReconcileAt,
 * observedGeneration, the Ready condition, the applied/attempted revision (a source: its artifact).
 */
export function fakeFluxController(behaviour: (object: StoredObject) => ReconcileBehaviour): (object: StoredObject) => void {
  return (object) => {
    if (!object.apiVersion.includes('toolkit.fluxcd.io')) return;
    if (object.spec?.suspend === true) return; // Flux skips suspended objects entirely
    const requested = object.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
    const status = (object.status ??= {});
    const pending = (requested !== undefined && requested !== status.lastHandledReconcileAt) || object.metadata.generation !== status.observedGeneration;
    if (!pending) return;
    const b = behaviour(object);
    if (b.outcome === 'ignore') return;
    const generation = object.metadata.generation;
    status.conditions = [
      { type: 'Reconciling', status: 'True', reason: 'Progressing', message: `Fetching manifests for revision ${b.revision ?? 'unknown'}`, lastTransitionTime: TRANSITION, observedGeneration: generation },
      { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress', lastTransitionTime: TRANSITION, observedGeneration: generation },
    ];
    setTimeout(() => {
      status.lastHandledReconcileAt = requested;
      status.observedGeneration = generation;
      const ok = b.outcome === 'ready';
      const message = ok ? (object.kind === 'Kustomization' ? `Applied revision: ${b.revision}` : `stored artifact for revision '${b.revision}'`) : (b.message ?? 'kustomize build failed');
      status.conditions = [{ type: 'Ready', status: ok ? 'True' : 'False', reason: ok ? 'ReconciliationSucceeded' : 'BuildFailed', message, lastTransitionTime: new Date().toISOString(), observedGeneration: generation }];
      if (b.revision) {
        status.lastAttemptedRevision = b.revision;
        if (ok && object.kind === 'Kustomization') status.lastAppliedRevision = b.revision;
        if (ok && object.kind !== 'Kustomization' && object.kind !== 'HelmRelease') status.artifact = { ...(status.artifact as object), revision: b.revision };
      }
    }, b.delayMs ?? 50);
  };
}
