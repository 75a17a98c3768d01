import * as jsyaml from 'js-yaml';
import { Document, isScalar, parseAllDocuments, type Node } from 'yaml';
import { LineIndex, type Range } from '../text/range';
import { splitDocuments, type DocumentChunk } from '../text/splitYamlDocuments';
import { nodesFromEvents } from './eventNodes';
import { composeDocument, type ComposeProblem, type ComposedDocument } from './composeNodes';
import { KUBE_SCHEMA } from './kubeYamlSchema';
import { NOT_BLOCK_YAML, readBlockYaml } from './blockYaml';
import { AliasBudget, MAX_DEPTH } from './limits';
import { YamlPositions } from './yamlPositions';

export type YamlProblemCode = 'yaml-syntax' | ComposeProblem['code'];

/** Something wrong with the YAML itself, positioned in file coordinates. */
export interface YamlProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
  code: YamlProblemCode;
}

/** One YAML document of a file, read as kubectl reads it. */
export interface YamlDocument {
  /** 0-based index of the document in the file. */
  readonly index: number;
  /** 0-based line of the document's chunk in the file. */
  readonly startLine: number;
  /** The document's text: its chunk of the file. */
  readonly text: string;
  /**
   * The value as kubectl decodes it (sigs.k8s.io/yaml on go-yaml v2). `null` for an empty document;
   * `undefined` when it cannot be read at all. With syntax errors it is the parser's recovered
   * reading: good for finding more problems, not a desired state.
   */
  readonly value: unknown;
  readonly problems: readonly YamlProblem[];
  /** Whether any problem is a YAML syntax error (see `value`). */
  readonly hasSyntaxErrors: boolean;
  /** Source positions by JSON pointer; computed on first use, then kept. */
  positions(): YamlPositions;
}

interface ReadOptions {
  /** Line of `text`'s first line in its file (when `text` is one chunk of a bigger file). */
  firstLine?: number;
  /** Index of `text`'s first document in its file. */
  firstIndex?: number;
}

/**
 * The one reading layer for manifests. Every document is read by readBlockYaml (the block YAML
 * kubectl writes and most manifests are written in), else by js-yaml with go-yaml v2's
 * scalar rules (fast, no positions); a document js-yaml refuses, or that uses `<<` merges, is
 * composed from the `yaml` package's nodes instead (error recovery, duplicate keys, go-yaml's
 * merge order). Positions are computed only when asked for (drift needs them for drifted fields
 * and open editors, not for the thousands of resources that agree): from js-yaml's parse events
 * for a document it read, else from the composing reader's nodes.
 */
export function readYamlDocuments(text: string, options: ReadOptions = {}): YamlDocument[] {
  const out: YamlDocument[] = [];
  const base = options.firstLine ?? 0;
  let index = options.firstIndex ?? 0;
  for (const chunk of splitDocuments(text, { emptyDocuments: true })) {
    const located = { text: chunk.text, startLine: chunk.startLine + base };
    for (const doc of readChunk(located, index)) {
      out.push(doc);
      index = doc.index + 1;
    }
  }
  return out;
}

/** What readYamlValues reads: a text's non-empty values and its problems. */
export interface YamlValues {
  values: unknown[];
  problems: YamlProblem[];
}

/** Whether a text starts as JSON does (`kubectl -o json`): looked for in its first 64 characters, without scanning the rest. */
export function startsLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text.slice(0, 64));
}

/**
 * Values only, for live state (`kubectl get -o yaml`/`-o json` exports): no positions are ever
 * needed, so JSON goes straight to JSON.parse. Empty documents are left out.
 */
export function readYamlValues(text: string): YamlValues {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { values: [JSON.parse(text)], problems: [] };
    } catch {
      // Not strict JSON (comments, flow YAML): read it as YAML below.
    }
  }
  const values: unknown[] = [];
  const problems: YamlProblem[] = [];
  for (const doc of readYamlDocuments(text)) {
    problems.push(...doc.problems);
    if (doc.value !== null && doc.value !== undefined && !doc.hasSyntaxErrors) values.push(doc.value);
  }
  return { values, problems };
}

const TOO_DEEP = `nested too deeply (more than ${MAX_DEPTH} levels)`;

/** `---word` is content, not a document start; js-yaml reads it as one. */
const MARKER_LOOKALIKE = /^(?:---|\.\.\.)[^\s]/m;

function readChunk(chunk: DocumentChunk, index: number): YamlDocument[] {
  // js-yaml has no go-yaml merge order and misreads marker look-alikes; the composing reader has neither problem.
  if (!chunk.text.includes('<<') && !MARKER_LOOKALIKE.test(chunk.text)) {
    const fast = readFast(chunk.text);
    if (fast.ok) return [new ChunkDocument(chunk, index, fast.value, [], undefined)];
  }
  return readComposed(chunk, index);
}

function readFast(text: string): { ok: true; value: unknown } | { ok: false } {
  let value = readBlockYaml(text);
  if (value !== NOT_BLOCK_YAML) return { ok: true, value };
  try {
    value = jsyaml.load(text, { schema: KUBE_SCHEMA, maxDepth: MAX_DEPTH } as jsyaml.LoadOptions);
  } catch {
    return { ok: false };
  }
  if (value === undefined) value = null;
  // Only a text with `*` can hold aliases; the composing reader reports an over-budget one with its position.
  if (text.includes('*') && !withinExpansionBudget(value)) return { ok: false };
  return { ok: true, value };
}

function readComposed(chunk: DocumentChunk, index: number): YamlDocument[] {
  const lines = new LineIndex(chunk.text, chunk.startLine);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(chunk.text, { schema: 'failsafe', merge: false, uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'silent' }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    const problem: YamlProblem = { message: `cannot parse YAML: ${firstLine((e as Error).message)}`, range: lines.rangeOf(0, 0), severity: 'error', code: 'yaml-syntax' };
    return [new ChunkDocument(chunk, index, undefined, [problem], undefined)];
  }
  if (docs.length === 0) return [new ChunkDocument(chunk, index, null, [], undefined)];
  return docs.map((doc, i) => {
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) {
      const range = lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0]));
      // The parser reports its own stack overflow on pathological nesting as an error of the document.
      if (e.message.includes('Maximum call stack size exceeded')) problems.push({ message: TOO_DEEP, range, severity: 'error', code: 'too-deep' });
      else problems.push({ message: firstLine(e.message), range, severity: 'error', code: 'yaml-syntax' });
    }
    let composed: ComposedDocument;
    try {
      composed = composeDocument(doc, (offset) => lines.positionAt(offset).line);
    } catch (e) {
      // The parser gives up on pathological nesting with a stack overflow of its own.
      if (!(e instanceof RangeError)) throw e;
      problems.push({ message: TOO_DEEP, range: lines.rangeOf(0, 0), severity: 'error', code: 'too-deep' });
      return new ChunkDocument(chunk, index + i, undefined, problems, undefined);
    }
    for (const p of composed.problems) problems.push({ message: p.message, range: lines.rangeOf(p.offsets[0], p.offsets[1]), severity: p.severity, code: p.code });
    const value = isEmpty(doc) ? null : composed.value;
    return new ChunkDocument(chunk, index + i, value, problems, { doc, composed });
  });
}

function isEmpty(doc: Document): boolean {
  const contents = doc.contents as Node | null;
  return contents === null || (isScalar(contents) && !contents.tag && (contents.value === null || contents.value === '') && contents.type === 'PLAIN');
}

class ChunkDocument implements YamlDocument {
  readonly hasSyntaxErrors: boolean;
  private cached?: YamlPositions;

  constructor(
    private readonly chunk: DocumentChunk,
    readonly index: number,
    readonly value: unknown,
    readonly problems: YamlProblem[],
    private parsed: { doc: Document; composed: ComposedDocument } | undefined,
  ) {
    this.hasSyntaxErrors = problems.some((p) => p.code === 'yaml-syntax' || p.code === 'too-deep');
  }

  get startLine(): number {
    return this.chunk.startLine;
  }

  get text(): string {
    return this.chunk.text;
  }

  positions(): YamlPositions {
    if (this.cached) return this.cached;
    // A document js-yaml read gets its nodes from js-yaml again, with positions; the `yaml` package is the fallback.
    const fast = this.parsed ? undefined : nodesFromEvents(this.chunk.text);
    if (fast) return (this.cached = new YamlPositions(fast, this.chunk.text, this.chunk.startLine, () => undefined));
    if (!this.parsed) {
      const lines = new LineIndex(this.chunk.text, this.chunk.startLine);
      const doc = parseAllDocuments(this.chunk.text, { schema: 'failsafe', merge: false, uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'silent' });
      const first = (Array.isArray(doc) ? doc : [])[0] as Document.Parsed | undefined;
      if (first) this.parsed = { doc: first, composed: composeDocument(first, (offset) => lines.positionAt(offset).line) };
    }
    const parsed = this.parsed;
    this.cached = parsed
      ? new YamlPositions(parsed.doc, this.chunk.text, this.chunk.startLine, parsed.composed.targetOf)
      : new YamlPositions(new Document(), this.chunk.text, this.chunk.startLine, () => undefined);
    // The parsed tree is only needed through the positions from now on.
    this.parsed = undefined;
    return this.cached;
  }
}

/**
 * Whether a value whose aliases js-yaml shares stays within go-yaml's alias budget and has no
 * alias inside its own anchor (go-yaml refuses both). Walked in document order as go-yaml
 * decodes, without expanding: a second visit of an object is an alias, sized from a memo.
 */
function withinExpansionBudget(value: unknown): boolean {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const budget = new AliasBudget();
  let ok = true;
  const visit = (v: unknown): number => {
    if (typeof v !== 'object' || v === null) {
      budget.node();
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) {
      if (open.has(v) || !budget.alias(known)) ok = false;
      return known;
    }
    budget.node();
    sizes.set(v, 1);
    open.add(v);
    let n = 1;
    if (Array.isArray(v)) {
      for (const item of v) if (ok) n += visit(item);
    } else {
      for (const key of Object.keys(v)) {
        if (!ok) break;
        budget.node();
        n += 1 + visit((v as Record<string, unknown>)[key]);
      }
    }
    open.delete(v);
    sizes.set(v, n);
    return n;
  };
  visit(value);
  return ok;
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}
