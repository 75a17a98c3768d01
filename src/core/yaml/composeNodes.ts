import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { MERGE_KEY, MERGE_TAG, ScalarTagError, isFloatScalar, mapKeyString, resolvePlainScalar, resolveTaggedScalar } from './kubeScalars';
import { AliasBudget, EXCESSIVE_ALIASING, MAX_DEPTH } from './limits';

/** A problem found while composing, at an offset range of the document's text. */
export interface ComposeProblem {
  message: string;
  offsets: [number, number];
  code: 'duplicate-key' | 'expansion-budget' | 'too-deep' | 'unsupported-key' | 'tag' | 'merge' | 'alias';
  severity: 'error' | 'warning';
}

/**
 * Builds the value of a parsed `yaml` document as go-yaml v2 decodes it for sigs.k8s.io/yaml:
 * plain scalars by YAML 1.1 rules, keys as JSON strings, `<<` merges applied in document order
 * (go-yaml v2 lets a later merge overwrite an earlier key), the last of duplicate keys kept.
 * Aliases share the anchored value (linear work); their expanded size is budgeted.
 */
export function composeDocument(doc: Document, lineOf: (offset: number) => number): ComposedDocument {
  const composer = new Composer(lineOf);
  const targetOf: AliasTargets = (alias) => composer.aliasTargets.get(alias);
  const root = doc.contents as Node | null;
  if (root === null) return { value: null, problems: [], targetOf };
  try {
    const value = composer.compose(root, 0);
    return { value, problems: composer.problems, targetOf };
  } catch (e) {
    if (!(e instanceof ComposeAbort)) throw e;
    composer.problems.push(e.problem);
    return { value: undefined, problems: composer.problems, targetOf };
  }
}

/** The node an alias names (the last node with that anchor before it), as the composer resolved it. */
export type AliasTargets = (alias: Node) => Node | undefined;

export interface ComposedDocument {
  value: unknown;
  problems: ComposeProblem[];
  targetOf: AliasTargets;
}

class ComposeAbort extends Error {
  constructor(readonly problem: ComposeProblem) {
    super(problem.message);
  }
}

class Composer {
  readonly problems: ComposeProblem[] = [];
  private readonly budget = new AliasBudget();
  private readonly values = new Map<Node, unknown>();
  private readonly inProgress = new Set<Node>();
  private readonly anchors = new Map<string, Node>();
  private readonly sizes = new Map<Node, number>();
  readonly aliasTargets = new Map<Node, Node>();

  constructor(private readonly lineOf: (offset: number) => number) {}

  compose(node: Node, depth: number): unknown {
    if (depth > MAX_DEPTH) {
      throw new ComposeAbort({ message: `nested too deeply (more than ${MAX_DEPTH} levels)`, offsets: rangeOf(node), code: 'too-deep', severity: 'error' });
    }
    if (isAlias(node)) return this.alias(node, depth);
    const known = this.values.get(node);
    if (known !== undefined || this.values.has(node)) return known;
    this.budget.node();
    if (node.anchor) this.anchors.set(node.anchor, node);
    let value: unknown;
    if (isScalar(node)) value = this.scalar(node);
    else if (isMap(node)) {
      this.inProgress.add(node);
      value = this.mapping(node, depth);
      this.inProgress.delete(node);
    } else if (isSeq(node)) {
      this.inProgress.add(node);
      const out: unknown[] = [];
      this.values.set(node, out);
      for (const item of node.items) out.push(item === null || item === undefined ? null : this.compose(item as Node, depth + 1));
      value = out;
      this.inProgress.delete(node);
    }
    this.values.set(node, value);
    return value;
  }

  /** The node an alias names: resolved once, in document order, to the last node anchored with that name. */
  target(alias: Node & { source: string }): Node | undefined {
    let target = this.aliasTargets.get(alias);
    if (!target) {
      target = this.anchors.get(alias.source);
      if (target) this.aliasTargets.set(alias, target);
    }
    return target;
  }

  private alias(node: Node & { source: string }, depth: number): unknown {
    const target = this.target(node);
    if (!target) throw new ComposeAbort({ message: `unknown anchor "${node.source}"`, offsets: rangeOf(node), code: 'alias', severity: 'error' });
    if (this.inProgress.has(target)) {
      throw new ComposeAbort({ message: `anchor "${node.source}" contains itself`, offsets: rangeOf(node), code: 'alias', severity: 'error' });
    }
    const value = this.compose(target, depth);
    if (!this.budget.alias(this.expandedSize(target))) {
      const message = `${EXCESSIVE_ALIASING}: aliases would expand it past ${this.budget.expanded.toLocaleString("en-US")} nodes (kubectl refuses it too)`;
      throw new ComposeAbort({ message, offsets: rangeOf(node), code: 'expansion-budget', severity: 'error' });
    }
    return value;
  }

  private scalar(node: Scalar): unknown {
    try {
      return scalarValue(node);
    } catch (e) {
      if (!(e instanceof ScalarTagError)) throw e;
      this.problems.push({ message: e.message, offsets: rangeOf(node), code: 'tag', severity: 'error' });
      return scalarText(node);
    }
  }

  private mapping(node: Node & { items: Pair[] }, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.values.set(node, out);
    const firstKeyAt = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (keyNode && isMergeKey(keyNode)) {
        this.merge(pair.value as Node | null, out, depth);
        continue;
      }
      const key = this.keyString(keyNode, depth);
      if (key === undefined) continue;
      const keyOffset = keyNode ? rangeOf(keyNode)[0] : 0;
      const first = firstKeyAt.get(key);
      if (first !== undefined) {
        this.problems.push({
          message: `duplicate key "${key}" (first at line ${this.lineOf(first) + 1})`,
          offsets: keyNode ? rangeOf(keyNode) : [0, 0],
          code: 'duplicate-key',
          severity: 'error',
        });
      } else firstKeyAt.set(key, keyOffset);
      setOwn(out, key, pair.value === null || pair.value === undefined ? null : this.compose(pair.value as Node, depth + 1));
    }
    return out;
  }

  /** go-yaml v2: a map, an alias of one, or a sequence of those (earlier entries take precedence). */
  private merge(value: Node | null, out: Record<string, unknown>, depth: number): void {
    // Only a sequence written at the `<<` is a list of sources; an alias must name a map.
    const sources = value && isSeq(value) ? [...(value.items as Node[])].reverse() : value ? [value] : [];
    for (const source of sources) {
      const mapNode = source && isAlias(source) ? this.target(source) : source;
      if (!mapNode || !isMap(mapNode)) {
        this.problems.push({
          message: 'map merge requires a map or a sequence of maps as its value',
          offsets: rangeOf(source ?? value!),
          code: 'merge',
          severity: 'error',
        });
        continue;
      }
      const merged = this.compose(source, depth + 1) as Record<string, unknown>;
      for (const key of Object.keys(merged)) setOwn(out, key, merged[key]);
    }
  }

  private keyString(keyNode: Node | null, depth: number): string | undefined {
    if (keyNode === null) return this.unsupportedKey('null', [0, 0]);
    const key = this.compose(keyNode, depth + 1);
    const target = isAlias(keyNode) ? this.target(keyNode) : keyNode;
    const text = mapKeyString(key, !!target && isPlainFloat(target));
    return text ?? this.unsupportedKey(key === null ? 'null' : Array.isArray(key) ? 'a sequence' : 'a mapping', rangeOf(keyNode));
  }

  private unsupportedKey(what: string, offsets: [number, number]): undefined {
    this.problems.push({ message: `a map key cannot be ${what} (kubectl refuses it); this entry is skipped`, offsets, code: 'unsupported-key', severity: 'error' });
    return undefined;
  }

  /** Nodes of a value with every alias copied out: what downstream walks cost. Memoised, so linear. */
  private expandedSize(node: Node): number {
    const target = isAlias(node) ? this.target(node) : node;
    if (!target) return 1;
    const known = this.sizes.get(target);
    if (known !== undefined) return known;
    this.sizes.set(target, 1); // a cycle was already reported; count it once
    let size = 1;
    if (isMap(target)) for (const p of target.items) size += (p.key ? this.expandedSize(p.key as Node) : 0) + (p.value ? this.expandedSize(p.value as Node) : 1);
    else if (isSeq(target)) for (const item of target.items) size += item ? this.expandedSize(item as Node) : 1;
    this.sizes.set(target, size);
    return size;
  }
}

/** The scalar's text before any tag is applied (the parser already resolves `!!binary` to bytes). */
function scalarText(node: Scalar): string {
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/** A scalar's value by go-yaml's rules: plain ones resolved, quoted ones strings, tags applied. */
function scalarValue(node: Scalar): unknown {
  const text = scalarText(node);
  const tag = node.tag;
  if (!tag) return node.type === 'PLAIN' ? resolvePlainScalar(text) : text;
  return tag === '!' ? text : resolveTaggedScalar(tag, text);
}

function isPlainFloat(node: Node): boolean {
  return isScalar(node) && node.type === 'PLAIN' && !node.tag && isFloatScalar(scalarText(node));
}

/** The JSON key a key node stands for (scalars only; others have none). */
export function keyText(node: Node | null, targetOf: AliasTargets): string | undefined {
  const target = node && isAlias(node) ? targetOf(node) : node;
  if (!target || !isScalar(target)) return undefined;
  let value: unknown;
  try {
    value = scalarValue(target);
  } catch {
    value = scalarText(target);
  }
  return mapKeyString(value, isPlainFloat(target));
}

export function isMergeKey(node: Node): boolean {
  return isScalar(node) && node.value === MERGE_KEY && ((node.type === 'PLAIN' && !node.tag) || node.tag === MERGE_TAG);
}

export function rangeOf(node: Node): [number, number] {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** An own property even for `__proto__`, so inherited names are ordinary keys. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
