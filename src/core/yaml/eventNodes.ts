import * as jsyaml from 'js-yaml';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { KUBE_SCHEMA } from './kubeYamlSchema';
import { MAX_DEPTH } from './limits';

/**
 * The `yaml` package's nodes of one document, built from js-yaml's parse events: what positions
 * need (maps, sequences, key scalars, ranges), at js-yaml's speed instead of the `yaml` package's.
 * Only for plain documents (no tags, anchors, aliases, explicit keys, merges); anything else, or
 * a tree that does not account for every value js-yaml read, gives undefined and the caller
 * parses with the `yaml` package as before.
 */
export function nodesFromEvents(text: string): Document | undefined {
  // js-yaml drops a BOM before reading, which would shift every offset.
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const builder = new EventTree(text);
  try {
    jsyaml.load(text, { schema: KUBE_SCHEMA, maxDepth: MAX_DEPTH, listener: builder.listener } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  const root = builder.root();
  if (root === undefined) return undefined;
  const doc = new Document();
  doc.contents = root as never;
  return doc;
}

interface Frame {
  open: number;
  children: Built[];
}

interface Built {
  node: Node | null;
  result: unknown;
  /** Offset just past the value's last character. */
  end: number;
  shape: 'flow' | 'empty' | 'blockScalar' | 'blockCollection';
}

type Kind = 'scalar' | 'mapping' | 'sequence' | null;

class Unsupported extends Error {}

class EventTree {
  private readonly stack: Frame[] = [{ open: 0, children: [] }];
  private failed = false;

  constructor(private readonly text: string) {}

  readonly listener = (event: 'open' | 'close', state: { position: number; kind: Kind; result: unknown }): void => {
    if (this.failed) return;
    try {
      if (event === 'open') this.stack.push({ open: state.position, children: [] });
      else {
        const frame = this.stack.pop()!;
        const built = this.close(frame, state.kind, state.result, state.position);
        if (built) this.stack[this.stack.length - 1].children.push(built);
      }
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.failed = true;
    }
  };

  root(): Node | null | undefined {
    if (this.failed || this.stack.length !== 1) return undefined;
    const top = this.stack[0].children;
    if (top.length === 0) return null;
    if (top.length !== 1) return undefined;
    const node = top[0].node;
    // The document's node reaches to the end of its text (comments after the last value included).
    if (node?.range) node.range = [node.range[0], node.range[1], Math.max(node.range[1], this.text.length)];
    return node;
  }

  private close(frame: Frame, kind: Kind, result: unknown, position: number): Built | undefined {
    const start = this.contentStart(frame.open, position);
    const first = this.text.charCodeAt(start);
    // Properties, aliases and explicit keys: left to the `yaml` package (js-yaml may also backtrack over properties).
    if (first === 0x21 /* ! */ || first === 0x26 /* & */ || first === 0x2a /* * */ || (first === 0x3f /* ? */ && isSpace(this.text.charCodeAt(start + 1)))) {
      throw new Unsupported();
    }
    if (kind === 'mapping' || kind === 'sequence') {
      const children = frame.children;
      // A block node that turned out to be a flow collection read while looking for a key.
      if (children.length === 1 && children[0].result === result) return children[0];
      return kind === 'mapping' ? this.mapping(children, result, start, position) : this.sequence(children, result, start, position);
    }
    // A scalar, or an empty node. Its children were attempts at a key that were not one.
    if (kind === null && result === null) {
      // An empty value: where the `yaml` package places it, after the indicator and the spaces on its line.
      const at = this.pastBlanks(frame.open);
      return { node: withRange(new Scalar(null), at, at), result: null, end: at, shape: 'empty' };
    }
    const scalar = new Scalar(result);
    scalar.type = scalarType(first);
    const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
    const end = block ? this.blockScalarEnd(start, position) : this.trimEnd(start, position);
    if (scalar.type === 'PLAIN') scalar.source = this.text.slice(start, end);
    else if (typeof result === 'string') scalar.source = result;
    return { node: withRange(scalar, start, end), result, end, shape: block ? 'blockScalar' : 'flow' };
  }

  private mapping(children: Built[], result: unknown, start: number, position: number): Built {
    // A trailing empty node is the reader's try at one more key.
    if (children.length % 2 === 1 && children[children.length - 1].shape === 'empty') children = children.slice(0, -1);
    if (children.length % 2 === 1 || children.length / 2 !== Object.keys(result as object).length) throw new Unsupported();
    const map = new YAMLMap();
    for (let i = 0; i < children.length; i += 2) map.items.push(new Pair(children[i].node, children[i + 1].node));
    return this.collection(map, children, result, start, position);
  }

  private sequence(children: Built[], result: unknown, start: number, position: number): Built {
    if (!Array.isArray(result) || children.length !== result.length) throw new Unsupported();
    const seq = new YAMLSeq();
    for (const c of children) seq.items.push(c.node);
    return this.collection(seq, children, result, start, position);
  }

  /** A flow collection ends at its bracket; a block one with its last value's line (its comment and line break). */
  private collection(node: YAMLMap | YAMLSeq, children: Built[], result: unknown, start: number, position: number): Built {
    const c = this.text.charCodeAt(start);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      const end = this.trimEnd(start, position);
      return { node: withRange(node, start, end), result, end, shape: 'flow' };
    }
    const last = children[children.length - 1];
    const end = last ? this.blockEnd(last, start - this.lineStart(start)) : start;
    return { node: withRange(node, start, end), result, end, shape: 'blockCollection' };
  }

  /**
   * Where a block collection ends after its last value, as the `yaml` package ranges it: after an
   * empty value at the value, after a block at the block's end, else past the value's line (its
   * comment and line break) and the comment lines indented deeper than the collection. Where the
   * package would give comments after the last value to an outer node, the tree is left to it.
   */
  private blockEnd(last: Built, indent: number): number {
    if (last.shape === 'blockScalar') return last.end;
    if (last.shape === 'empty') {
      if (this.commentFollows(last.end)) throw new Unsupported();
      return last.end;
    }
    if (last.shape === 'blockCollection') {
      // A comment at or left of this collection's indentation ends it (`# section` before the next key).
      const line = this.lineAt(last.end);
      if ((line.kind === 'comment' && line.indent > indent) || (line.kind === 'blank' && this.commentFollows(last.end))) throw new Unsupported();
      return last.end;
    }
    const lineEnd = this.restOfLineEnd(last.end);
    if (lineEnd === undefined) return last.end;
    let end = this.pastLineBreak(lineEnd);
    for (;;) {
      const line = this.lineAt(end);
      if (line.kind === 'comment' && line.indent > indent) end = line.next;
      else if (line.kind === 'blank' && this.commentFollows(end)) throw new Unsupported();
      else return end;
    }
  }

  /** Whether a comment comes next, on the rest of this line or after blank lines. */
  private commentFollows(offset: number): boolean {
    const t = this.text;
    for (let i = offset; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x23) return true;
      if (!isWhite(c)) return false;
    }
    return false;
  }

  /** What the line starting at offset holds, its indentation and where the next line starts. */
  private lineAt(offset: number): { kind: 'comment' | 'blank' | 'content' | 'end'; indent: number; next: number } {
    const t = this.text;
    if (offset >= t.length) return { kind: 'end', indent: 0, next: offset };
    const i = this.pastBlanks(offset);
    let next = t.indexOf('\n', i);
    next = next < 0 ? t.length : next + 1;
    const c = t.charCodeAt(i);
    const kind = c === 0x23 ? 'comment' : c === 0x0a || c === 0x0d || i >= t.length ? 'blank' : 'content';
    return { kind, indent: i - offset, next };
  }

  /** Where the rest of the line after offset ends (at its line break) when it holds nothing but spaces and a comment. */
  private restOfLineEnd(offset: number): number | undefined {
    const t = this.text;
    let i = this.pastBlanks(offset);
    const comment = t.charCodeAt(i) === 0x23 && i > 0 && (t.charCodeAt(i - 1) === 0x20 || t.charCodeAt(i - 1) === 0x09);
    if (comment) while (i < t.length && t.charCodeAt(i) !== 0x0a && t.charCodeAt(i) !== 0x0d) i++;
    return i >= t.length || t.charCodeAt(i) === 0x0a || t.charCodeAt(i) === 0x0d ? i : undefined;
  }

  /**
   * A block scalar's value, as the `yaml` package ranges it, runs to the line break after its last
   * text; kept (`|+`) trailing blank lines are part of it.
   */
  private blockScalarEnd(start: number, position: number): number {
    const header = this.text.slice(start, this.text.indexOf('\n', start) >>> 0);
    if (/^[|>](?:[0-9]?\+|\+[0-9])/.test(header)) return this.text.lastIndexOf('\n', position - 1) + 1 || position;
    return this.pastLineBreak(this.trimEnd(start, position));
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Past the line break at offset (CRLF or LF), if there is one. */
  private pastLineBreak(offset: number): number {
    const t = this.text;
    if (t.charCodeAt(offset) === 0x0d && t.charCodeAt(offset + 1) === 0x0a) return offset + 2;
    if (t.charCodeAt(offset) === 0x0a || t.charCodeAt(offset) === 0x0d) return offset + 1;
    return offset;
  }

  /** The first character of content at or after offset: past spaces, line breaks and comments. */
  private contentStart(offset: number, limit: number): number {
    const t = this.text;
    let i = offset;
    while (i < limit) {
      const c = t.charCodeAt(i);
      if (isWhite(c)) i++;
      else if (c === 0x23 /* # */ && (i === 0 || isSpace(t.charCodeAt(i - 1)))) {
        while (i < limit && t.charCodeAt(i) !== 0x0a) i++;
      } else break;
    }
    return i;
  }

  /** Past trailing spaces and line breaks (a reader stops after them, or at a comment). */
  private trimEnd(start: number, end: number): number {
    const t = this.text;
    let i = Math.min(end, t.length);
    while (i > start) {
      if (isWhite(t.charCodeAt(i - 1))) i--;
      else break;
    }
    return i;
  }

  /** Past spaces and tabs. */
  private pastBlanks(offset: number): number {
    let i = offset;
    while (this.text.charCodeAt(i) === 0x20 || this.text.charCodeAt(i) === 0x09) i++;
    return i;
  }
}

function withRange<T extends Node>(node: T, start: number, end: number): T {
  node.range = [start, end, end];
  return node;
}

function scalarType(first: number): Scalar.Type {
  if (first === 0x22) return 'QUOTE_DOUBLE';
  if (first === 0x27) return 'QUOTE_SINGLE';
  if (first === 0x7c) return 'BLOCK_LITERAL';
  if (first === 0x3e) return 'BLOCK_FOLDED';
  return 'PLAIN';
}

/** A space, tab or line break. */
function isWhite(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** White, or past the end of the text. */
function isSpace(c: number): boolean {
  return isWhite(c) || Number.isNaN(c);
}
