import { apiGroup } from '../manifests/resourceId';
import generated from './fieldSchema.generated.json';

/**
 * What the Kubernetes schema says about a field, from the table that
 * `scripts/generate-field-schema.mjs` builds out of the upstream OpenAPI schema and the
 * Argo CD / Flux CRD schemas: how a list is merged (by key, as a set, or atomic), which
 * fields are resource quantities, and which kinds are cluster-scoped.
 */

type Fact = string[] | 'set' | 'quantity';
type FragmentEntry = Fact | string; // or `@fragment` applying below the pattern
interface FieldSchemaTable {
  kinds: Record<string, string>;
  clusterScoped: string[];
  fragments: Record<string, Record<string, FragmentEntry>>;
}

/** How the API server merges a list: items by merge key, as a set of values, or the whole list (in order). */
export type ListType = { type: 'map'; keys: readonly string[] } | { type: 'set' } | { type: 'atomic' };

const table = generated as FieldSchemaTable;
const fragmentByGroupKind = new Map<string, string>();
for (const [gvk, fragment] of Object.entries(table.kinds)) {
  const kind = gvk.slice(gvk.lastIndexOf('/') + 1);
  const apiVersion = gvk.slice(0, gvk.lastIndexOf('/'));
  fragmentByGroupKind.set(`${apiGroup(apiVersion)}/${kind}`, fragment);
}
const clusterScoped = new Set(table.clusterScoped);

const ATOMIC: ListType = { type: 'atomic' };
const SET: ListType = { type: 'set' };

/** The table's fragment for a kind ('' = known, nothing special); undefined for kinds the schema does not know (most CRDs). */
function fragmentOf(apiVersion: string, kind: string): string | undefined {
  // An unknown version of a known group/kind uses its known one.
  return table.kinds[`${apiVersion}/${kind}`] ?? fragmentByGroupKind.get(`${apiGroup(apiVersion)}/${kind}`);
}

/** True when the schema knows the kind: its lists without keys are atomic, its quantities are known. */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return fragmentOf(apiVersion, kind) !== undefined;
}

/**
 * The schema of one kind, followed along a path. A walk over an object asks at many paths
 * that share prefixes: the states of the last path asked are kept per depth and reused.
 */
export class KindSchema {
  private readonly root: TrieNode[];
  private readonly states: TrieNode[][] = [];
  private readonly seen: string[] = [];

  /** undefined when the schema does not know the kind. */
  static of(apiVersion: string, kind: string): KindSchema | undefined {
    const fragment = fragmentOf(apiVersion, kind);
    return fragment === undefined ? undefined : new KindSchema(fragment);
  }

  private constructor(fragment: string) {
    this.root = fragment ? [trieOf(fragment)] : [];
    this.states[0] = this.root;
  }

  /** The merge type of the list at `path` (field names, list indexes as numbers). metadata.finalizers is a set everywhere. */
  listType(path: readonly string[]): ListType {
    if (path.length === 2 && path[0] === 'metadata' && path[1] === 'finalizers') return SET;
    const fact = this.factAt(path);
    if (Array.isArray(fact)) return { type: 'map', keys: fact };
    return fact === 'set' ? SET : ATOMIC;
  }

  isQuantity(path: readonly string[]): boolean {
    return this.factAt(path) === 'quantity';
  }

  /** Depth up to which `states` follow the last path asked. */
  private valid = 0;

  private factAt(path: readonly string[]): Fact | undefined {
    if (this.root.length === 0) return undefined;
    let depth = 0;
    while (depth < path.length && depth < this.valid && this.seen[depth] === path[depth]) depth++;
    for (; depth < path.length; depth++) {
      this.seen[depth] = path[depth];
      this.states[depth + 1] = step(this.states[depth], path[depth]);
    }
    this.valid = path.length;
    for (const node of this.states[path.length]) if (node.fact) return node.fact;
    return undefined;
  }
}

/** The merge type of the list at `path`, or undefined when the kind is unknown (see KindSchema). */
export function schemaListType(apiVersion: string, kind: string, path: readonly string[]): ListType | undefined {
  return KindSchema.of(apiVersion, kind)?.listType(path);
}

/** Merge keys of the list at `path`; undefined when the schema gives none (unknown kind, atomic or set list). */
export function listMapKeys(apiVersion: string, kind: string, path: readonly string[]): readonly string[] | undefined {
  const type = schemaListType(apiVersion, kind, path);
  return type?.type === 'map' ? type.keys : undefined;
}

/** True when the schema types the field at `path` as a resource.Quantity (`limits.cpu`, HPA `averageValue`, `sizeLimit`). */
export function isQuantityField(apiVersion: string, kind: string, path: readonly string[]): boolean {
  return KindSchema.of(apiVersion, kind)?.isQuantity(path) ?? false;
}

/** True for kinds the API server keeps outside namespaces (Namespace, ClusterRole, CRD, StorageClass…). */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return clusterScoped.has(`${apiGroup(apiVersion)}/${kind}`);
}

/**
 * A fragment's patterns as a trie: literal segments, `*` (any index or map key), the fact at
 * the end of a pattern, and the fragments that apply below a node (`"@F"`).
 */
interface TrieNode {
  literal: Map<string, TrieNode>;
  star?: TrieNode;
  fact?: Fact;
  below: TrieNode[];
}

const tries = new Map<string, TrieNode>();

function trieOf(fragment: string): TrieNode {
  let root = tries.get(fragment);
  if (root) return root;
  root = { literal: new Map(), below: [] };
  tries.set(fragment, root); // first: recursive schemas (JSONSchemaProps) refer to themselves
  for (const [pattern, value] of Object.entries(table.fragments[fragment] ?? {})) {
    let node = root;
    for (const segment of pattern.split('.')) {
      if (segment === '*') node = node.star ??= { literal: new Map(), below: [] };
      else {
        let next = node.literal.get(segment);
        if (!next) node.literal.set(segment, (next = { literal: new Map(), below: [] }));
        node = next;
      }
    }
    if (typeof value === 'string' && value.startsWith('@')) node.below.push(trieOf(value.slice(1)));
    else node.fact ??= value as Fact;
  }
  return root;
}

const NO_STATES: TrieNode[] = [];

function step(states: readonly TrieNode[], segment: string): TrieNode[] {
  if (states.length === 0) return NO_STATES;
  const next: TrieNode[] = [];
  const add = (node: TrieNode | undefined): void => {
    if (!node) return;
    next.push(node);
    // A fragment applying below this node starts here too.
    for (const root of node.below) next.push(root);
  };
  for (const state of states) {
    add(state.literal.get(segment));
    add(state.star);
  }
  return next;
}
