import { isAlias, isMap, isPair, isSeq, type Document, type Node, type Pair } from 'yaml';
import { joinPointer, pointerSegments } from '../text/jsonPointer';
import { LineIndex, type Range } from '../text/range';
import { isMergeKey, keyText, type AliasTargets } from './composeNodes';

/** Where a field sits in its file; for list items keyRange equals valueRange (no key). */
export interface FieldLocation {
  keyRange: Range;
  valueRange: Range;
}

/**
 * Source positions of one document by JSON pointer, in file coordinates. Keys are matched as
 * kubectl reads them (`0644:` is key "420", the last of duplicate keys wins), and a field set
 * through a `<<` merge or an alias is found where it is written: the anchored node's line.
 */
export class YamlPositions {
  private readonly lines: LineIndex;
  private readonly effective = new WeakMap<Node, Map<string, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    startLine: number,
    private readonly targetOf: AliasTargets,
  ) {
    this.lines = new LineIndex(text, startLine);
  }

  range(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  /** Key and value ranges of the field at pointer (whole value range), or undefined when it is not in the source. */
  field(pointer: string): FieldLocation | undefined {
    const parts = pointerSegments(pointer);
    if (parts.length === 0) {
      const root = this.root();
      if (!root) return undefined;
      const r = this.fullRange(root);
      return { keyRange: r, valueRange: r };
    }
    const parent = this.walk(parts.slice(0, -1));
    if (parent.depth !== parts.length - 1 || !parent.node) return undefined;
    return this.childLocation(parent.node, parts[parts.length - 1]);
  }

  /** Every field under pointer, keyed by pointers relative to it: what a resource's field map holds. */
  fieldsUnder(pointer: string): Map<string, FieldLocation> {
    const out = new Map<string, FieldLocation>();
    const at = this.walk(pointerSegments(pointer));
    if (at.node && at.depth === pointerSegments(pointer).length) this.collect(at.node, '', out, new Set());
    return out;
  }

  /** Source text of the value at pointer (for quick fixes that rewrite it). */
  sourceOf(pointer: string): string | undefined {
    const parts = pointerSegments(pointer);
    const { node, depth } = this.walk(parts);
    if (depth !== parts.length || !node?.range) return undefined;
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** Range of the value at pointer, or of the closest existing ancestor; collections get their first line only. */
  valueRange(pointer: string): Range {
    return this.squiggle(this.walk(pointerSegments(pointer)).node);
  }

  /** Range of key `key` of the mapping at pointer (unknown fields), else of that mapping. */
  keyRange(pointer: string, key: string): Range {
    const { node } = this.walk(pointerSegments(pointer));
    const pair = node && isMap(node) ? this.pairs(node).get(key) : undefined;
    return pair?.key ? this.squiggle(pair.key as Node) : this.squiggle(node);
  }

  /** Range of the key holding the value at pointer: where a person looks for the field. */
  fieldRange(pointer: string): Range {
    const parts = pointerSegments(pointer);
    if (parts.length === 0) return this.squiggle(this.root());
    const parent = this.walk(parts.slice(0, -1));
    if (parent.depth === parts.length - 1 && parent.node && isMap(parent.node)) {
      const pair = this.pairs(parent.node).get(parts[parts.length - 1]);
      if (pair?.key) return this.squiggle(pair.key as Node);
    }
    return this.valueRange(pointer);
  }

  /**
   * The field under a position: its pointer and the range to highlight (its key, or the item).
   * The innermost key or value containing the position wins; undefined outside the document.
   */
  pathAt(position: { line: number; character: number }): { pointer: string; range: Range } | undefined {
    const offset = this.lines.offsetAt(position);
    const root = this.root();
    if (offset === undefined || !root?.range || offset < root.range[0] || offset > root.range[2]) return undefined;
    return this.pathIn(root, offset, '', new Set());
  }

  private pathIn(node: Node, offset: number, pointer: string, path: Set<Node>): { pointer: string; range: Range } | undefined {
    if (path.has(node)) return undefined;
    path.add(node);
    try {
      if (isMap(node)) {
        for (const [key, pair] of this.pairs(node)) {
          const keyNode = pair.key as Node | null;
          const child = joinPointer(pointer, key);
          if (keyNode?.range && offset >= keyNode.range[0] && offset <= keyNode.range[1]) return { pointer: child, range: this.fullRange(keyNode) };
          const value = pair.value as Node | null;
          if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
            const target = this.resolve(value);
            const inner = target && target === value ? this.pathIn(target, offset, child, path) : undefined;
            return inner ?? { pointer: child, range: keyNode ? this.fullRange(keyNode) : this.fullRange(value) };
          }
        }
      } else if (isSeq(node)) {
        for (let i = 0; i < node.items.length; i++) {
          const item = node.items[i] as Node | null;
          if (item?.range && offset >= item.range[0] && offset <= item.range[1]) {
            const child = joinPointer(pointer, i);
            return (item === this.resolve(item) ? this.pathIn(item, offset, child, path) : undefined) ?? { pointer: child, range: this.fullRange(item) };
          }
        }
      }
      return undefined;
    } finally {
      path.delete(node);
    }
  }

  private root(): Node | undefined {
    return this.resolve((this.doc.contents as Node | null) ?? undefined);
  }

  private resolve(node: Node | null | undefined): Node | undefined {
    if (!node) return undefined;
    return isAlias(node) ? this.targetOf(node) : node;
  }

  /** The deepest node along the pointer's segments, and how many segments it got through. */
  private walk(parts: string[]): { node: Node | undefined; depth: number } {
    let node = this.root();
    let depth = 0;
    for (const part of parts) {
      let next: Node | undefined;
      if (node && isMap(node)) next = this.resolve(this.pairs(node).get(part)?.value as Node | null);
      else if (node && isSeq(node)) next = this.resolve(node.items[Number(part)] as Node | null);
      if (!next) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  private childLocation(parent: Node, part: string): FieldLocation | undefined {
    if (isMap(parent)) {
      const pair = this.pairs(parent).get(part);
      if (!pair) return undefined;
      return this.pairLocation(pair);
    }
    if (isSeq(parent)) {
      const item = parent.items[Number(part)] as Node | null | undefined;
      if (!item) return undefined;
      const r = this.fullRange(item);
      return { keyRange: r, valueRange: r };
    }
    return undefined;
  }

  private pairLocation(pair: Pair): FieldLocation {
    const keyRange = this.fullRange(pair.key as Node);
    const value = pair.value as Node | null;
    return { keyRange, valueRange: value ? this.fullRange(value) : { start: keyRange.end, end: keyRange.end } };
  }

  /**
   * The pair that sets each key of a mapping, as go-yaml v2 applies them: in document order,
   * a `<<` merge setting its keys where it stands (earlier merge sources win), later pairs winning.
   */
  private pairs(map: Node): Map<string, Pair> {
    let out = this.effective.get(map);
    if (out) return out;
    out = new Map();
    this.effective.set(map, out); // a merge cycle ends here
    if (isMap(map)) {
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (key && isMergeKey(key)) {
          for (const source of this.mergeSources(pair.value as Node | null)) for (const [k, p] of this.pairs(source)) out.set(k, p);
          continue;
        }
        const text = keyText(key, this.targetOf);
        if (text !== undefined) out.set(text, pair);
      }
    }
    return out;
  }

  private mergeSources(value: Node | null): Node[] {
    if (!value) return [];
    if (!isSeq(value)) {
      const resolved = this.resolve(value);
      return resolved && isMap(resolved) ? [resolved] : [];
    }
    return value.items
      .map((item) => this.resolve(item as Node | null))
      .filter((n): n is Node => !!n && isMap(n))
      .reverse();
  }

  private collect(node: Node, pointer: string, out: Map<string, FieldLocation>, path: Set<Node>): void {
    if (path.has(node)) return;
    path.add(node);
    if (isMap(node)) {
      for (const [key, pair] of this.pairs(node)) {
        const child = joinPointer(pointer, key);
        out.set(child, this.pairLocation(pair));
        const value = this.resolve(pair.value as Node | null);
        if (value) this.collect(value, child, out, path);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (!item) return;
        const child = joinPointer(pointer, i);
        const r = this.fullRange(item as Node);
        out.set(child, { keyRange: r, valueRange: r });
        const value = this.resolve(item as Node);
        if (value) this.collect(value, child, out, path);
      });
    }
    path.delete(node);
  }

  /** Range up to the value end, excluding trailing comments and newlines. */
  private fullRange(node: Node | undefined): Range {
    const r = node?.range;
    if (!r) return this.range(0, 0);
    return this.range(r[0], r[1]);
  }

  /** A whole block is not a useful squiggle: collections get their first line only. */
  private squiggle(node: Node | undefined): Range {
    const r = node?.range;
    if (!r) return this.range(0, 0);
    const end = node && (isMap(node) || isSeq(node)) ? Math.min(r[1], lineEnd(this.text, r[0])) : r[1];
    return this.range(r[0], Math.max(end, r[0]));
  }
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
}
