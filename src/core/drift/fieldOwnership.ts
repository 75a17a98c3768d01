import { isRecord } from '../manifests/resourceId';
import { keySignature, keysMatch, type ListRule } from './listMatching';

/**
 * Who set the fields of a live object, as far as the object itself tells:
 * - what the agent last applied: `kubectl.kubernetes.io/last-applied-configuration`
 *   (client-side apply, Argo CD's default) and the managedFields entries of the agent's
 *   field managers (server-side apply: `argocd-controller`, `kustomize-controller`, …);
 * - what other controllers own: managedFields entries of every other manager, except
 *   people's tools (`kubectl edit`, `kubectl patch`, dashboards) and status writes.
 * A field the agent applied that Git no longer sets is drift (the next sync removes it);
 * an extra list item a controller owns is not.
 */
export interface Ownership {
  /** The object the agent last applied (last-applied-configuration), if recorded. */
  applied: unknown;
  /** managedFields of the agent and of other controllers, if any. */
  managed: ManagedFields | undefined;
}

/** managedFields (fieldsV1) subtrees at one place of the object. */
export interface ManagedFields {
  /** Of the agent's field managers. */
  agent: readonly FieldsNode[];
  /** Of other controllers. */
  others: readonly FieldsNode[];
}

type FieldsNode = Record<string, unknown>;

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Managers that are people at a terminal or a dashboard, not controllers (field manager = client name). */
const PEOPLES_TOOLS = /^(kubectl(-.+)?|Mozilla|k9s|Lens|OpenLens|Headlamp|before-first-apply)$/;

const cache = new WeakMap<object, { managers: readonly string[]; ownership: Ownership | undefined }>();

/** The ownership of a live object's root; undefined when it records none. Cached per object (drafts re-compare often). */
export function ownershipOf(live: unknown, managers: readonly string[]): Ownership | undefined {
  if (!isRecord(live) || !isRecord(live.metadata)) return undefined;
  const hit = cache.get(live);
  if (hit && hit.managers === managers) return hit.ownership;
  const ownership = readOwnership(live.metadata, managers);
  cache.set(live, { managers, ownership });
  return ownership;
}

function readOwnership(metadata: Record<string, unknown>, managers: readonly string[]): Ownership | undefined {
  let applied: unknown;
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : undefined;
  const text = annotations && Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof text === 'string') applied = parseApplied(text);
  const agent: FieldsNode[] = [];
  const others: FieldsNode[] = [];
  for (const entry of Array.isArray(metadata.managedFields) ? metadata.managedFields : []) {
    if (!isRecord(entry) || !isRecord(entry.fieldsV1) || typeof entry.manager !== 'string') continue;
    const subresource = typeof entry.subresource === 'string' ? entry.subresource : '';
    if (managers.includes(entry.manager)) {
      // kubectl's own Update entries come from imperative commands, not from applying Git.
      if (!subresource && !(entry.manager === 'kubectl' && entry.operation === 'Update')) agent.push(entry.fieldsV1);
    } else if (subresource !== 'status' && !PEOPLES_TOOLS.test(entry.manager)) {
      others.push(entry.fieldsV1);
    }
  }
  const managed = agent.length || others.length ? { agent, others } : undefined;
  return applied !== undefined || managed ? { applied, managed } : undefined;
}

/**
 * Parsed last-applied-configurations by their text: every refresh fetches the same objects
 * again, and the annotation only changes when the agent applies. Bounded.
 */
const appliedTexts = new Map<string, unknown>();

function parseApplied(text: string): unknown {
  if (appliedTexts.has(text)) return appliedTexts.get(text);
  let applied: unknown;
  try {
    applied = JSON.parse(text);
  } catch {
    applied = undefined; // a corrupt annotation says nothing
  }
  if (appliedTexts.size >= 5000) appliedTexts.clear();
  appliedTexts.set(text, applied);
  return applied;
}

/** The applied value of a map key. */
export function appliedChild(applied: unknown, key: string): unknown {
  return isRecord(applied) && Object.hasOwn(applied, key) ? applied[key] : undefined;
}

/**
 * The applied list item that is this live item: by key (map lists; `index`, the position of
 * the matching desired item, is tried first since applied lists usually line up with Git's),
 * by value (sets) or by position (atomic lists).
 */
export function appliedItem(applied: unknown, liveItem: unknown, index: number, rule: ListRule): unknown {
  if (!Array.isArray(applied)) return undefined;
  if (rule.type === 'atomic') return index >= 0 ? applied[index] : undefined;
  if (rule.type === 'set') return appliedIndex(applied, (v) => JSON.stringify(v)).has(JSON.stringify(liveItem)) ? liveItem : undefined;
  if (!isRecord(liveItem)) return undefined;
  const hint: unknown = index >= 0 ? applied[index] : undefined;
  if (isRecord(hint) && keysMatch(hint, liveItem, rule.keys)) return hint;
  const signature = keySignature(liveItem, rule.keys);
  if (signature !== undefined) return appliedIndex(applied, (v) => (isRecord(v) ? keySignature(v, rule.keys) : undefined)).get(signature);
  return applied.find((a) => isRecord(a) && keysMatch(a, liveItem, rule.keys));
}

/** Applied list items by their identity (key signature or value), built once per applied list: lookups stay linear. */
const appliedIndexes = new WeakMap<unknown[], Map<string, unknown>>();

function appliedIndex(applied: unknown[], identity: (item: unknown) => string | undefined): Map<string, unknown> {
  let index = appliedIndexes.get(applied);
  if (!index) {
    index = new Map();
    for (const item of applied) {
      const id = identity(item);
      if (id !== undefined && !index.has(id)) index.set(id, item);
    }
    appliedIndexes.set(applied, index);
  }
  return index;
}

/** managedFields below a map key. */
export function managedChild(managed: ManagedFields | undefined, key: string): ManagedFields | undefined {
  if (!managed) return undefined;
  const field = `f:${key}`;
  return managedFields(fieldChildren(managed.agent, field), fieldChildren(managed.others, field));
}

/** managedFields of one live list item (`k:{"name":"web"}`, `v:"value"`); atomic lists are owned whole. */
export function managedItem(managed: ManagedFields | undefined, liveItem: unknown, rule: ListRule): ManagedFields | undefined {
  if (!managed || rule.type === 'atomic') return undefined;
  if (rule.type === 'set') {
    const key = `v:${JSON.stringify(liveItem)}`;
    return managedFields(fieldChildren(managed.agent, key), fieldChildren(managed.others, key));
  }
  const signature = isRecord(liveItem) ? keySignature(liveItem, rule.keys) : undefined;
  if (signature === undefined) return undefined;
  return managedFields(keyedChildren(managed.agent, signature, rule.keys), keyedChildren(managed.others, signature, rule.keys));
}

/** Map keys the agent applied here (last-applied keys and `f:` fields of its managers). */
export function agentKeys(applied: unknown, managed: ManagedFields | undefined): string[] {
  const keys = isRecord(applied) ? Object.keys(applied) : [];
  if (!managed || managed.agent.length === 0) return keys;
  const seen = new Set(keys);
  for (const node of managed.agent) {
    for (const k of Object.keys(node)) {
      if (!k.startsWith('f:') || seen.has(k.slice(2))) continue;
      seen.add(k.slice(2));
      keys.push(k.slice(2));
    }
  }
  return keys;
}

export function appliedByAgent(applied: unknown, managed: ManagedFields | undefined): boolean {
  return applied !== undefined || (managed !== undefined && managed.agent.length > 0);
}

export function ownedByController(managed: ManagedFields | undefined): boolean {
  return managed !== undefined && managed.others.length > 0;
}

function managedFields(agent: readonly FieldsNode[], others: readonly FieldsNode[]): ManagedFields | undefined {
  return agent.length || others.length ? { agent, others } : undefined;
}

const NO_NODES: readonly FieldsNode[] = [];

function fieldChildren(nodes: readonly FieldsNode[], key: string): readonly FieldsNode[] {
  let out: FieldsNode[] | undefined;
  for (const node of nodes) {
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (isRecord(child)) (out ??= []).push(child);
  }
  return out ?? NO_NODES;
}

/** `k:{"name":"web"}` entries by key signature, built once per fieldsV1 list node. */
const keyedIndex = new WeakMap<FieldsNode, Map<string, FieldsNode>>();

function keyedChildren(nodes: readonly FieldsNode[], signature: string, keys: readonly string[]): readonly FieldsNode[] {
  if (nodes.length === 0) return NO_NODES;
  const out: FieldsNode[] = [];
  for (const node of nodes) {
    let index = keyedIndex.get(node);
    if (!index) {
      index = new Map();
      for (const [k, child] of Object.entries(node)) {
        if (!k.startsWith('k:') || !isRecord(child)) continue;
        try {
          const parsed: unknown = JSON.parse(k.slice(2));
          const s = isRecord(parsed) ? keySignature(parsed, keys) : undefined;
          if (s !== undefined) index.set(s, child);
        } catch {
          // not a key we can read
        }
      }
      keyedIndex.set(node, index);
    }
    const child = index.get(signature);
    if (child) out.push(child);
  }
  return out;
}
