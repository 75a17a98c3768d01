/** Identity of a Kubernetes object: what both desired and live state are matched by. */
export interface ResourceId {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects and for manifests that rely on the default namespace. */
  namespace?: string;
  name: string;
}

/** Stable map key, group-version kept: `apps/v1/Deployment/shop/web`, `v1/Namespace//shop`. */
export function resourceKey(id: ResourceId): string {
  return `${id.apiVersion}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** API group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Key without the version: the server may return another served version of the
 * same object (e.g. `autoscaling/v2` vs `v1`), which is still the same object.
 */
export function versionlessKey(id: ResourceId): string {
  return `${apiGroup(id.apiVersion)}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** Human label: `Deployment shop/web`, or `Namespace shop` when unnamespaced. */
export function formatResourceId(id: ResourceId): string {
  return id.namespace ? `${id.kind} ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}

/** Reads apiVersion/kind/metadata.{name,namespace} from a plain object, if it names a resource. */
export function resourceIdOf(object: unknown): ResourceId | undefined {
  if (!isRecord(object)) return undefined;
  const { apiVersion, kind, metadata } = object;
  if (typeof kind !== 'string' || kind === '' || !isRecord(metadata)) return undefined;
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') return undefined;
  const namespace = metadata.namespace;
  return {
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
    kind,
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    name,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
