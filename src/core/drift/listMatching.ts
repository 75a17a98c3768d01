import { isRecord } from '../manifests/resourceId';
import { KindSchema } from './fieldSchema';
import { ownValue } from './ownValue';

/** Values the API server fills in for an omitted merge key, so `ports: [{containerPort: 80}]` still matches. */
const LIST_KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/**
 * How one list compares, the same for the drift status and for Show Drift:
 * - `map`: items matched by merge key, so reordering is no drift; an extra live item is drift
 *   unless a controller owns it. `ordered` lists (initContainers run in order) must also keep the order.
 * - `set`: items are values, in any order; extra live values as for `map`.
 * - `atomic`: the list is one value (args, RBAC subjects and rules, tolerations, CRD lists):
 *   same length, item by item in order; an extra live item is drift.
 */
export type ListRule = { type: 'map'; keys: readonly string[]; ordered: boolean } | { type: 'set' } | { type: 'atomic' };

const NAME_KEYS = ['name'] as const;
const ATOMIC: ListRule = { type: 'atomic' };
const IP_KEYS: ListRule = { type: 'map', keys: ['ip'], ordered: false };
const PORT_KEYS: ListRule = { type: 'map', keys: ['port', 'protocol'], ordered: false };

/**
 * The rule for the list at `path` in an object whose kind has this schema: from the schema for
 * kinds it knows; for other kinds (no schema) (CRDs without a schema here) lists whose items all have a `name`
 * are maps by name — CRDs usually follow that convention — and other lists are atomic.
 */
export function listRule(schema: KindSchema | undefined, path: readonly string[], desired: readonly unknown[], live: readonly unknown[], kind?: string): ListRule {
  if (kind === 'Endpoints' && path.length === 3 && path[0] === 'subsets') {
    // The API server repacks Endpoints subsets: addresses and ports come back sorted.
    if (path[2] === 'addresses' || path[2] === 'notReadyAddresses') return IP_KEYS;
    if (path[2] === 'ports') return PORT_KEYS;
  }
  const type = schema?.listType(path);
  if (type) {
    if (type.type !== 'map') return type;
    return { type: 'map', keys: type.keys, ordered: path[path.length - 1] === 'initContainers' };
  }
  const named = (item: unknown): boolean => isRecord(item) && (typeof item.name === 'string' || typeof item.name === 'number');
  if (desired.length > 0 && desired.every(named) && live.every(named)) return { type: 'map', keys: NAME_KEYS, ordered: false };
  return ATOMIC;
}

/** Merge keys of a map list (see listRule); undefined for set and atomic lists. */
export function keysForList(apiVersion: string, kind: string, path: readonly string[], desired: readonly unknown[], live: readonly unknown[]): readonly string[] | undefined {
  const rule = listRule(KindSchema.of(apiVersion, kind), path, desired, live, kind);
  return rule.type === 'map' ? rule.keys : undefined;
}

/**
 * For each desired item, the index of its live counterpart (or undefined). Each live item
 * is used once; a key the desired item omits matches its server default (or anything).
 * Linear: live items are indexed by their key values unless the lists are tiny.
 */
export function matchListItems(desired: readonly unknown[], live: readonly unknown[], keys: readonly string[]): Array<number | undefined> {
  const used = new Uint8Array(live.length);
  let index: Map<string, number[]> | undefined;
  const small = desired.length * live.length <= 64;
  return desired.map((item) => {
    if (!isRecord(item)) return undefined;
    const signature = small ? undefined : keySignature(item, keys);
    let found = -1;
    if (signature !== undefined) {
      index ??= indexByKeys(live, keys);
      const candidates = index.get(signature);
      const free = candidates?.find((i) => !used[i]);
      if (free !== undefined) found = free;
    } else {
      found = live.findIndex((candidate, i) => !used[i] && isRecord(candidate) && keysMatch(item, candidate, keys));
    }
    if (found < 0) return undefined;
    used[found] = 1;
    return found;
  });
}

/** True when a desired (or applied) item and a live item name the same list entry. */
export function keysMatch(desired: Record<string, unknown>, live: Record<string, unknown>, keys: readonly string[]): boolean {
  let compared = 0;
  for (const key of keys) {
    const want = ownValue(desired, key);
    if (want === undefined || want === null) {
      const fallback = Object.hasOwn(LIST_KEY_DEFAULTS, key) ? LIST_KEY_DEFAULTS[key] : undefined;
      const got = ownValue(live, key);
      if (fallback !== undefined && got !== undefined && !sameKeyValue(got, fallback)) return false;
      continue;
    }
    if (!sameKeyValue(want, ownValue(live, key) ?? (Object.hasOwn(LIST_KEY_DEFAULTS, key) ? LIST_KEY_DEFAULTS[key] : undefined))) return false;
    compared++;
  }
  return compared > 0; // an item with none of the keys cannot be identified
}

/** `80` and `"80"` name the same item; key values are identities, not typed settings. */
export function sameKeyValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  return typeof a === 'object' || typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : String(a) === String(b);
}

/** Every key's value (defaults applied) as one string; undefined when a key is absent without a default. */
export function keySignature(item: Record<string, unknown>, keys: readonly string[]): string | undefined {
  let signature = '';
  for (const key of keys) {
    const v = ownValue(item, key) ?? (Object.hasOwn(LIST_KEY_DEFAULTS, key) ? LIST_KEY_DEFAULTS[key] : undefined);
    if (v === undefined || v === null) return undefined;
    signature += (typeof v === 'object' ? JSON.stringify(v) : String(v)) + '\u0000';
  }
  return signature;
}

function indexByKeys(live: readonly unknown[], keys: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  live.forEach((item, i) => {
    const signature = isRecord(item) ? keySignature(item, keys) : undefined;
    if (signature === undefined) return;
    const list = index.get(signature);
    if (list) list.push(i);
    else index.set(signature, [i]);
  });
  return index;
}
