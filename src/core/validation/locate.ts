import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { pointerSegments } from '../text/jsonPointer';
import { LineIndex, type Range } from '../text/range';

/**
 * Maps JSON pointers of one document to source ranges. Works on a chunk of a bigger file:
 * `startLine` shifts the chunk-local positions (chunks start at a line start, so columns hold).
 */
export class ChunkLocator {
  private readonly lines: LineIndex;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly startLine: number,
  ) {
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    const r = this.lines.rangeOf(start, end);
    r.start.line += this.startLine;
    r.end.line += this.startLine;
    return r;
  }

  /** Source text of the value at pointer (for quick fixes that rewrite it). */
  sourceOf(pointer: string): string | undefined {
    const { node, depth } = this.deepest(pointerSegments(pointer));
    if (depth !== pointerSegments(pointer).length || !node?.range) return undefined;
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** Range of the value at pointer, or of the closest existing ancestor. */
  valueRange(pointer: string): Range {
    return this.nodeRange(this.deepest(pointerSegments(pointer)).node);
  }

  /** Range of key `key` of the mapping at pointer (unknown fields). */
  keyRange(pointer: string, key: string): Range {
    const { node } = this.deepest(pointerSegments(pointer));
    const pair = isMap(node) ? findPair(node.items, key) : undefined;
    return pair && isNode(pair.key) ? this.nodeRange(pair.key) : this.nodeRange(node);
  }

  /** Range of the key holding the value at pointer: where a person looks for the field. */
  fieldRange(pointer: string): Range {
    const parts = pointerSegments(pointer);
    if (parts.length === 0) return this.nodeRange(this.root());
    const parent = this.deepest(parts.slice(0, -1));
    if (parent.depth === parts.length - 1 && isMap(parent.node)) {
      const pair = findPair(parent.node.items, parts[parts.length - 1]);
      if (pair && isNode(pair.key)) return this.nodeRange(pair.key);
    }
    return this.valueRange(pointer);
  }

  private root(): Node | undefined {
    return (this.doc.contents as Node | null) ?? undefined;
  }

  private deepest(parts: string[]): { node: Node | undefined; depth: number } {
    let node = this.root();
    let depth = 0;
    for (const part of parts) {
      let next: unknown;
      if (isMap(node)) next = findPair(node.items, part)?.value;
      else if (isSeq(node)) next = node.items[Number(part)];
      if (!isNode(next)) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  private nodeRange(node: Node | undefined): Range {
    const r = node?.range;
    if (!r) return this.range(0, 0);
    // A whole block is not a useful squiggle: collections get their first line only.
    const end = isMap(node) || isSeq(node) ? Math.min(r[1], lineEnd(this.text, r[0])) : r[1];
    return this.range(r[0], Math.max(end, r[0]));
  }
}

function findPair(items: unknown[], key: string): Pair | undefined {
  for (const p of items) if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p;
  return undefined;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
}
