import { isRecord } from '../manifests/resourceId';
import { FALLBACK_LIST_KEYS, listMapKeys } from './listMapKeys';

/** Values the API server fills in for an omitted merge key, so `ports: [{containerPort: 80}]` still matches. */
const LIST_KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/**
 * Merge keys for a list in an object of this kind: from the schema table, else
 * `name` when every item on both sides has one (CRDs usually follow that convention).
 * Undefined means the list is compared by position.
 */
export function keysForList(apiVersion: string, kind: string, path: readonly string[], desired: unknown[], live: unknown[]): string[] | undefined {
  const keys = listMapKeys(apiVersion, kind, path);
  if (keys) return keys;
  const named = (item: unknown): boolean => isRecord(item) && (typeof item.name === 'string' || typeof item.name === 'number');
  if (desired.length > 0 && desired.every(named) && live.every(named)) return FALLBACK_LIST_KEYS;
  return undefined;
}

/**
 * For each desired item, the index of its live counterpart (or undefined). Each live
 * item is used once; a key the desired item omits matches its server default (or anything).
 */
export function matchListItems(desired: unknown[], live: unknown[], keys: readonly string[]): Array<number | undefined> {
  const used = new Set<number>();
  return desired.map((item) => {
    if (!isRecord(item)) return undefined;
    const index = live.findIndex((candidate, i) => !used.has(i) && isRecord(candidate) && keysMatch(item, candidate, keys));
    if (index < 0) return undefined;
    used.add(index);
    return index;
  });
}

function keysMatch(desired: Record<string, unknown>, live: Record<string, unknown>, keys: readonly string[]): boolean {
  let compared = 0;
  for (const key of keys) {
    const want = desired[key];
    if (want === undefined || want === null) {
      if (key in LIST_KEY_DEFAULTS && live[key] !== undefined && !sameKeyValue(live[key], LIST_KEY_DEFAULTS[key])) return false;
      continue;
    }
    if (!sameKeyValue(want, live[key])) return false;
    compared++;
  }
  return compared > 0; // an item with none of the keys cannot be identified
}

/** `80` and `"80"` name the same item; key values are identities, not typed settings. */
function sameKeyValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  return typeof a === 'object' || typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : String(a) === String(b);
}
