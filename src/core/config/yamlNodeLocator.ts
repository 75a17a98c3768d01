import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { pointerFromSegments, pointerSegments } from '../text/jsonPointer';
import { LineIndex, type Range } from '../text/range';

/** Finds the source range of a JSON-pointer path in a parsed YAML document. */
export class YamlNodeLocator {
  private readonly lines: LineIndex;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Range of the value at `pointer`, or of the closest existing ancestor. */
  valueRange(pointer: string): Range {
    return this.rangeOfNode(this.deepestNode(pointerSegments(pointer)).node);
  }

  /** Range of the key `key` in the mapping at `pointer` (for unknown-field errors). */
  keyRange(pointer: string, key: string): Range {
    const { node } = this.deepestNode(pointerSegments(pointer));
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isNode(pair.key)) return this.rangeOfNode(pair.key);
    }
    return this.rangeOfNode(node);
  }

  /** Range of the key that holds the value at `pointer` — where a person looks for the field. */
  fieldRange(pointer: string): Range {
    const parts = pointerSegments(pointer);
    if (parts.length === 0) return this.rangeOfNode(this.doc.contents ?? undefined);
    const last = parts[parts.length - 1];
    const parent = this.deepestNode(parts.slice(0, -1));
    if (parent.depth === parts.length - 1 && isMap(parent.node)) return this.keyRange(pointerFromSegments(parts.slice(0, -1)), last);
    return this.valueRange(pointer);
  }

  private deepestNode(parts: string[]): { node: Node | undefined; depth: number } {
    let node: Node | undefined = (this.doc.contents as Node | null) ?? undefined;
    let depth = 0;
    for (const part of parts) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === part);
        next = pair?.value;
      } else if (isSeq(node)) {
        next = node.items[Number(part)];
      }
      if (!isNode(next)) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  private rangeOfNode(node: Node | undefined | null): Range {
    const r = node?.range;
    if (!r) return this.lines.rangeOf(0, 0);
    // For collections, point at their first line only: a whole block is not a useful squiggle.
    const end = isMap(node) || isSeq(node) ? Math.min(r[1], this.lineEndOffset(r[0])) : r[1];
    return this.lines.rangeOf(r[0], end);
  }

  private lineEndOffset(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl < 0 ? this.text.length : nl;
  }
}
