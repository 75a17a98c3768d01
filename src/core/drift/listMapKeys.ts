import { apiGroup } from '../manifests/resourceId';
import generated from './listMapKeys.generated.json';

/**
 * Merge keys of Kubernetes list fields (containers by `name`, ports by
 * `containerPort`+`protocol`, …), from the table that
 * `scripts/generate-list-keys.mjs` builds out of the upstream OpenAPI schema.
 */

type FragmentEntry = string[] | string; // keys, or `@fragment` applying below the pattern
interface ListKeyTable {
  kinds: Record<string, string>;
  fragments: Record<string, Record<string, FragmentEntry>>;
}

interface CompiledEntry {
  segments: string[];
  keys?: string[];
  fragment?: string;
}

const table = generated as ListKeyTable;
const compiled = new Map<string, CompiledEntry[]>();
const kindByGroupKind = new Map<string, string>();
for (const [gvk, fragment] of Object.entries(table.kinds)) {
  const kind = gvk.slice(gvk.lastIndexOf('/') + 1);
  const apiVersion = gvk.slice(0, gvk.lastIndexOf('/'));
  kindByGroupKind.set(`${apiGroup(apiVersion)}/${kind}`, fragment);
}

/**
 * Merge keys of the list at `path` (field names, with list indexes as `*` or numbers)
 * in an object of the given kind; undefined when the schema gives none (unknown kind,
 * CRD, atomic or set list). An unknown version of a known group/kind uses its known one.
 */
export function listMapKeys(apiVersion: string, kind: string, path: readonly string[]): string[] | undefined {
  const fragment = table.kinds[`${apiVersion}/${kind}`] ?? kindByGroupKind.get(`${apiGroup(apiVersion)}/${kind}`);
  if (!fragment) return undefined;
  return lookup(fragment, path, 0);
}

/** Fallback for kinds without schema: lists whose items all have a `name` are maps by name. */
export const FALLBACK_LIST_KEYS = ['name'];

function lookup(fragment: string, path: readonly string[], depth: number): string[] | undefined {
  if (depth > 64) return undefined; // recursive schemas (JSONSchemaProps) on absurd paths
  for (const entry of entries(fragment)) {
    if (entry.segments.length > path.length || !matches(entry.segments, path)) continue;
    if (entry.keys && entry.segments.length === path.length) return entry.keys;
    if (entry.fragment && entry.segments.length < path.length) {
      const found = lookup(entry.fragment, path.slice(entry.segments.length), depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function matches(pattern: string[], path: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  }
  return true;
}

function entries(fragment: string): CompiledEntry[] {
  let list = compiled.get(fragment);
  if (!list) {
    list = Object.entries(table.fragments[fragment] ?? {}).map(([pattern, value]) =>
      typeof value === 'string' ? { segments: pattern.split('.'), fragment: value.slice(1) } : { segments: pattern.split('.'), keys: value },
    );
    compiled.set(fragment, list);
  }
  return list;
}
