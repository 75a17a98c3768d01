import { isRecord, type ResourceId } from '../manifests/resourceId';

export interface FluxInventory {
  entries: ResourceId[];
  /** Entries whose id does not parse; reported, never silently dropped. */
  invalid: string[];
}

/**
 * `status.inventory.entries[]` as Flux writes them: `{id: "<namespace>_<name>_<group>_<kind>", v: "<version>"}`,
 * the namespace empty for cluster-scoped objects and the group empty for the core API. Names
 * of RBAC objects may hold colons, written as `__` (cli-utils' ObjMetadata encoding).
 * Undefined when the object has no inventory (never applied, or an older controller).
 */
export function readFluxInventory(object: unknown): FluxInventory | undefined {
  const status = isRecord(object) && isRecord(object.status) ? object.status : undefined;
  const inventory = status && isRecord(status.inventory) ? status.inventory : undefined;
  if (!inventory) return undefined;
  const entries: ResourceId[] = [];
  const invalid: string[] = [];
  for (const entry of Array.isArray(inventory.entries) ? inventory.entries : []) {
    const id = isRecord(entry) && typeof entry.id === 'string' && typeof entry.v === 'string' ? parseInventoryId(entry.id, entry.v) : undefined;
    if (id) entries.push(id);
    else invalid.push(isRecord(entry) && typeof entry.id === 'string' ? entry.id : JSON.stringify(entry));
  }
  return { entries, invalid };
}

/** `shop_web_apps_Deployment` + `v1` → apps/v1 Deployment shop/web; undefined when malformed. */
export function parseInventoryId(id: string, version: string): ResourceId | undefined {
  const first = id.indexOf('_');
  if (first < 0) return undefined;
  const namespace = id.slice(0, first);
  let rest = id.slice(first + 1);
  const kindAt = rest.lastIndexOf('_');
  if (kindAt < 0) return undefined;
  const kind = rest.slice(kindAt + 1);
  rest = rest.slice(0, kindAt);
  const groupAt = rest.lastIndexOf('_');
  if (groupAt < 0) return undefined;
  const group = rest.slice(groupAt + 1);
  const name = rest.slice(0, groupAt).replaceAll('__', ':');
  if (!name || !kind || !version || name.includes('_')) return undefined;
  return { apiVersion: group ? `${group}/${version}` : version, kind, ...(namespace ? { namespace } : {}), name };
}
