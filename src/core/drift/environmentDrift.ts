import { DEFAULT_FIELD_MANAGERS, type DriftIgnoreRule } from '../config/types';
import { LiveStateError, type LiveObject, type LiveState, type UnreadableObject } from '../live/provider';
import type { FieldLocation, ManifestResource } from '../manifests/manifestResource';
import { isRecord, versionlessKey, type ResourceId } from '../manifests/resourceId';
import { compareObjects, type FieldDrift } from './compare';
import { isClusterScoped } from './fieldSchema';
import { emptyStatusCounts, type ResourceStatus } from './resourceStatus';
import { displayedLive, unmasked } from './secretMasking';
import { UNRENDERED_REASON } from './templateExpression';

export interface ResourceDrift {
  key: string;
  id: ResourceId;
  status: ResourceStatus;
  /** Why the status is what it is when the fields do not say it (an Unknown resource's reason). */
  reason?: string;
  /** The desired resource; absent for Extra. */
  resource?: ManifestResource;
  /** The live object (Secret values masked); absent for Missing and for Unknown without live state. */
  live?: unknown;
  fields: Array<FieldDrift & { location?: FieldLocation }>;
  /** Fields whose live value the source hides (LiveObject.hiddenPaths); kept so a re-compare of a draft skips them too. */
  hiddenPaths?: readonly string[];
  /** The source's rendering of the desired object (LiveObject.target). */
  target?: unknown;
  /** Why the live object could not be read (status Error; LiveState.unreadable). */
  error?: string;
}

export type DriftMemo = WeakMap<ManifestResource, WeakMap<object, ResourceDrift>>;

export interface EnvironmentDrift {
  /**
   * Error if the provider failed (`error` says why) or, short of drift, some resources could not
   * be read (each with its own `error`); Drifted if anything is Drifted/Missing/Extra; InSync
   * otherwise; Unknown without live state.
   */
  status: ResourceStatus;
  error?: string;
  resources: ResourceDrift[];
  counts: Record<ResourceStatus, number>;
  refreshedAt?: Date;
}

/** What decides drift besides the objects: youops.yaml's `drift` settings. */
export interface DriftRules {
  ignore: readonly DriftIgnoreRule[];
  /** The agent's field managers (drift.fieldManagers); default DEFAULT_FIELD_MANAGERS. */
  fieldManagers?: readonly string[];
}

/** Kinds the cluster creates on its own; never reported as Extra. */
const GENERATED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Lease', 'ControllerRevision']);
/** Objects every namespace gets automatically. */
const GENERATED_NAMES = new Set(['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default']);

/**
 * Matches desired resources to live objects and classifies each.
 *
 * Matching ignores the API version (the server may return another served version).
 * A desired resource without a namespace (applied to the default namespace) matches a
 * live object of the same kind and name in any namespace when exactly one exists; one
 * with a namespace matches a cluster-scoped live object of its kind and name (the server
 * drops a namespace written on a ClusterRole, Namespace, CRD…).
 *
 * A resource whose manifest holds unrendered `{{ … }}` values where live differs is
 * Unknown, never Drifted: nothing says what those values will be.
 *
 * Extra is reported only for complete live states, only in namespaces the desired state
 * uses (and, for cluster-scoped objects, only for kinds it declares), and never for
 * objects owned by another object (ReplicaSets, Pods) or that the cluster generates.
 */
export function computeEnvironmentDrift(
  desired: ManifestResource[],
  live: LiveState | LiveStateError | undefined,
  rules: DriftRules | readonly DriftIgnoreRule[],
  /** Results of earlier calls with the same rules, by desired resource and live object: reused, not compared again. */
  memo?: DriftMemo,
): EnvironmentDrift {
  const { ignore, fieldManagers = DEFAULT_FIELD_MANAGERS } = isRuleList(rules) ? { ignore: rules } : rules;
  if (live === undefined || live instanceof LiveStateError) {
    const resources: ResourceDrift[] = desired.map((r) => ({ key: r.key, id: r.id, status: 'Unknown', resource: r, fields: [] }));
    const counts = emptyStatusCounts();
    counts.Unknown = resources.length;
    return live ? { status: 'Error', error: live.message, resources, counts } : { status: 'Unknown', resources, counts };
  }

  const index = new LiveIndex(live.objects);
  const unreadable = new Map((live.unreadable ?? []).map((u) => [versionlessKey(u.id), u]));
  const resources: ResourceDrift[] = desired.map((resource) => {
    const match = index.find(resource.id);
    const failed = match ? undefined : takeUnreadable(unreadable, resource.id);
    if (failed) return { key: resource.key, id: resource.id, status: 'Error', resource, fields: [], error: failed.message };
    if (!match) return { key: resource.key, id: resource.id, status: 'Missing', resource, fields: [] };
    const known = memo?.get(resource)?.get(match.object as object);
    if (known) return known;
    const drift = compareResource(resource, match, { ignore, fieldManagers });
    if (memo && typeof match.object === 'object' && match.object !== null) {
      let byLive = memo.get(resource);
      if (!byLive) memo.set(resource, (byLive = new WeakMap()));
      byLive.set(match.object, drift);
    }
    return drift;
  });

  if (live.complete) {
    const namespaces = new Set<string>();
    const clusterKinds = new Set<string>();
    for (const r of resources) {
      // What the server holds decides: a namespace written on a cluster-scoped object is dropped.
      const liveMeta = isRecord(r.live) && isRecord(r.live.metadata) ? r.live.metadata : undefined;
      const ns = liveMeta ? liveMeta.namespace : isClusterScoped(r.id.apiVersion, r.id.kind) ? undefined : r.id.namespace;
      if (typeof ns === 'string' && ns) namespaces.add(ns);
      else clusterKinds.add(r.id.kind);
    }
    for (const object of index.unmatched()) {
      const ns = object.id.namespace;
      const inScope = ns ? namespaces.has(ns) : clusterKinds.has(object.id.kind);
      if (inScope && !isGenerated(object)) {
        resources.push({ key: object.key, id: object.id, status: 'Extra', live: displayedLive(unmasked(object.object)), fields: [], ...(object.target !== undefined ? { target: object.target } : {}) });
      }
    }
  }

  // Unreadable objects no manifest declares are still the environment's: shown, not dropped.
  for (const u of unreadable.values()) resources.push({ key: u.key, id: u.id, status: 'Error', fields: [], error: u.message });

  const counts = emptyStatusCounts();
  for (const r of resources) counts[r.status]++;
  const status: ResourceStatus = counts.Drifted + counts.Missing + counts.Extra > 0 ? 'Drifted' : counts.Error > 0 ? 'Error' : 'InSync';
  return { status, resources, counts, refreshedAt: live.fetchedAt };
}

/**
 * The unreadable entry a desired resource stands for, matched as LiveIndex.find matches: a
 * namespaced manifest of a cluster-scoped object takes the namespace-less entry, a
 * namespace-less manifest the only one of its kind and name.
 */
function takeUnreadable(unreadable: Map<string, UnreadableObject>, id: ResourceId): UnreadableObject | undefined {
  let key = versionlessKey(id);
  if (!unreadable.has(key) && id.namespace) key = versionlessKey({ ...id, namespace: undefined });
  if (!unreadable.has(key) && !id.namespace) {
    const same = [...unreadable.keys()].filter((k) => versionlessKey({ ...unreadable.get(k)!.id, namespace: undefined }) === key);
    if (same.length === 1) key = same[0];
  }
  const found = unreadable.get(key);
  unreadable.delete(key);
  return found;
}

function isRuleList(rules: DriftRules | readonly DriftIgnoreRule[]): rules is readonly DriftIgnoreRule[] {
  return Array.isArray(rules);
}

/** Live objects by versionless key, plus by kind/name for namespace-less desired resources. */
class LiveIndex {
  private readonly byKey = new Map<string, LiveObject>();
  private readonly byKindName = new Map<string, LiveObject[]>();
  private readonly matched = new Set<LiveObject>();

  constructor(private readonly objects: LiveObject[]) {
    for (const object of objects) {
      this.byKey.set(versionlessKey(object.id), object);
      const kn = versionlessKey({ ...object.id, namespace: undefined });
      const list = this.byKindName.get(kn);
      if (list) list.push(object);
      else this.byKindName.set(kn, [object]);
    }
  }

  find(id: ResourceId): LiveObject | undefined {
    let found = this.byKey.get(versionlessKey(id));
    if (!found && id.namespace) {
      // Only a cluster-scoped object is listed without a namespace.
      found = this.byKey.get(versionlessKey({ ...id, namespace: undefined }));
    }
    if (!found && !id.namespace) {
      const candidates = this.byKindName.get(versionlessKey(id)) ?? [];
      if (candidates.length === 1) found = candidates[0];
    }
    if (found) this.matched.add(found);
    return found;
  }

  unmatched(): LiveObject[] {
    return this.objects.filter((o) => !this.matched.has(o));
  }
}

function isGenerated(object: LiveObject): boolean {
  if (GENERATED_KINDS.has(object.id.kind) || GENERATED_NAMES.has(`${object.id.kind}/${object.id.name}`)) return true;
  const meta = isRecord(object.object) ? object.object.metadata : undefined;
  return isRecord(meta) && Array.isArray(meta.ownerReferences) && meta.ownerReferences.length > 0;
}

/** A drift on an absent list/map still points somewhere useful: its closest located ancestor. */
function nearestLocation(resource: ManifestResource, pointer: string): FieldLocation | undefined {
  let p = pointer;
  while (p.length > 0) {
    p = p.slice(0, p.lastIndexOf('/'));
    const loc = resource.fields.get(p);
    if (loc) return loc;
  }
  return undefined;
}

/** Drift is a function of the desired resource and the live object alone (for given rules): what the memo relies on. */
function compareResource(resource: ManifestResource, match: LiveObject, rules: Required<DriftRules>): ResourceDrift {
  const object = unmasked(match.object);
  const hidden = match.hiddenPaths?.length ? new Set(match.hiddenPaths) : undefined;
  const comparison = compareObjects(resource.object, object, { kind: resource.id.kind, apiVersion: resource.id.apiVersion, ignore: rules.ignore, hidden, fieldManagers: rules.fieldManagers });
  const common = {
    key: resource.key,
    id: resource.id,
    resource,
    live: displayedLive(object, resource.object),
    ...(match.hiddenPaths?.length ? { hiddenPaths: match.hiddenPaths } : {}),
    ...(match.target !== undefined ? { target: match.target } : {}),
  };
  if (comparison.unrendered !== undefined) return { ...common, status: 'Unknown', reason: UNRENDERED_REASON, fields: [] };
  const fields = comparison.fields.map((drift) => withLocation(drift, resource));
  return { ...common, status: fields.length ? 'Drifted' : 'InSync', fields };
}

/**
 * A drifted field's source location, found on first use: positions cost a parse of the
 * document, and only drift that is printed or shown in an open editor needs them.
 */
function withLocation(drift: FieldDrift, resource: ManifestResource): FieldDrift & { location?: FieldLocation } {
  return Object.defineProperty(drift, 'location', {
    enumerable: true,
    configurable: true,
    get(this: FieldDrift) {
      const location = resource.fields.get(drift.path) ?? nearestLocation(resource, drift.path);
      Object.defineProperty(this, 'location', { value: location, enumerable: true, writable: true, configurable: true });
      return location;
    },
  });
}
