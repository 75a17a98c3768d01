import * as jsyaml from 'js-yaml';
import { parseAllDocuments, type Document, type Node, isScalar } from 'yaml';
import { joinPointer } from '../manifests/jsonPointer';
import { LineIndex } from '../text/range';
import { describeErrors, type Finding } from './describeErrors';
import { ChunkLocator } from './locate';
import { selectSchema, type fileSchemaId } from './selectSchema';
import type { SchemaStore } from './schemaStore';
import type { Severity, ValidationDiagnostic } from './types';
import { boundsProblem } from './valueBounds';

/** What every document of one file shares. */
export interface FileContext {
  store: SchemaStore;
  fileName?: string;
  fileChoice: ReturnType<typeof fileSchemaId>;
  unknownKindSeverity: Severity | 'ignore';
  maxDiagnosticsPerDocument: number;
}

export interface ChunkResult {
  /** Lines relative to the chunk's first line (shifted by the caller, so results can be cached). */
  diagnostics: ValidationDiagnostic[];
  documents: number;
}

const UNQUOTED_TEMPLATE = /^[ \t]*\{\{|:[ \t]+\{\{|^[ \t]*-[ \t]+\{\{/m;

interface RawFinding extends Finding {
  severity: Severity;
  /** Where the squiggle goes when `key` is not set. */
  at: 'value' | 'field' | 'modeline';
  modeline?: { offset: number; length: number };
}

/**
 * Validates one document chunk. Fast path: js-yaml + the compiled validator; only a chunk with a
 * finding is parsed again with `yaml` (slower, but with positions) to place the diagnostics.
 */
export async function validateChunk(text: string, ctx: FileContext): Promise<ChunkResult> {
  // Helm-style templates are not YAML until rendered; `'{{path}}'` in a quoted string (ApplicationSet) is fine.
  if (text.includes('{{') && UNQUOTED_TEMPLATE.test(text)) return templateResult(text);
  let fast: unknown;
  let fastOk = true;
  try {
    fast = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    fastOk = false;
  }
  if (fastOk) {
    if (fast === null || fast === undefined) return { diagnostics: [], documents: 0 };
    if ((await check(fast, '', text, ctx)).length === 0) return { diagnostics: [], documents: 1 };
  }
  return slowPath(text, ctx);
}

async function slowPath(text: string, ctx: FileContext): Promise<ChunkResult> {
  const diagnostics: ValidationDiagnostic[] = [];
  let documents = 0;
  let docs: Document.Parsed[];
  try {
    // logLevel error: toJS() of collection keys would otherwise print a process warning per parse.
    docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (err) {
    return { diagnostics: [diag(new LineIndex(text).rangeOf(0, 0), 'error', yamlMessage(err), '', 'yaml-syntax')], documents: 1 };
  }
  for (const doc of docs) {
    if (doc.errors.length) {
      documents++;
      const lines = new LineIndex(text);
      // One mistake often yields several errors at the same spot: keep the first per line, at most 3.
      const perLine = new Set<number>();
      for (const e of doc.errors) {
        const range = lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1));
        if (perLine.has(range.start.line) || perLine.size >= 3) continue;
        perLine.add(range.start.line);
        const message = /call stack/i.test(e.message) ? 'YAML: nested too deeply to read; not validated' : `YAML: ${e.message.split('\n')[0]}`;
        diagnostics.push(diag(range, 'error', message, '', 'yaml-syntax'));
      }
      continue;
    }
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
    documents++;
    const locator = new ChunkLocator(doc, text, 0);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      diagnostics.push(diag(locator.valueRange(''), 'error', yamlMessage(err), '', 'yaml-syntax'));
      continue;
    }
    const findings = await check(value, '', text, ctx);
    const limit = ctx.maxDiagnosticsPerDocument;
    for (const f of findings.slice(0, limit)) diagnostics.push(toDiagnostic(f, locator));
    if (findings.length > limit) {
      diagnostics.push(diag(locator.valueRange(''), 'information', `${findings.length - limit} more problems in this document not shown`, '', 'too-many'));
    }
  }
  return { diagnostics, documents };
}

/** Schema findings for a parsed value (no positions yet); `prefix` points into a List's items. */
async function check(value: unknown, prefix: string, text: string, ctx: FileContext): Promise<RawFinding[]> {
  if (!prefix) {
    // Bounded work: a document nested too deeply or whose aliases multiply it is reported, not validated.
    const bounds = boundsProblem(value, text.includes('*'));
    if (bounds) return [{ ...bounds, severity: 'error', at: 'value' }];
  }
  const selection = selectSchema(value, prefix ? '' : text, prefix ? undefined : ctx.fileChoice, ctx.store, ctx.fileName);
  if (!selection) return [];
  if ('unknownKind' in selection) {
    const { apiVersion, kind } = selection.unknownKind;
    const items = (value as { items?: unknown }).items;
    if (kind?.endsWith('List') && Array.isArray(items)) {
      // kubectl's `kind: List`: each item is a resource of its own kind.
      const all = await Promise.all(items.map((item, i) => check(item, `${prefix}/items/${i}`, text, ctx)));
      return all.flat();
    }
    const problem = kindProblem(value as Record<string, unknown>, apiVersion, kind, ctx);
    if (problem) return [{ ...problem, pointer: prefix + problem.pointer }];
    if (ctx.unknownKindSeverity === 'ignore') return [];
    const message =
      apiVersion && kind
        ? `no schema for ${apiVersion}/${kind}; not validated (read CRDs from the cluster or add a schema association)`
        : kind
          ? `kind "${kind}" has no apiVersion; not validated`
          : `apiVersion "${apiVersion}" has no kind; not validated`;
    return [{ pointer: `${prefix}/${kind ? 'kind' : 'apiVersion'}`, message, code: 'unknown-kind', severity: ctx.unknownKindSeverity, at: 'value' }];
  }
  const compiled = ctx.store.getSync(selection.id) ?? (await ctx.store.get(selection.id));
  if (compiled.error) {
    // File-level associations report their load error once per file (see validateText).
    if (selection.origin === 'association' || selection.origin === 'file-pattern') return [];
    return [{ pointer: prefix, message: compiled.error, code: 'schema-load', severity: 'error', at: selection.modeline ? 'modeline' : 'field', modeline: selection.modeline }];
  }
  const validate = compiled.validate!;
  try {
    if (validate(value)) return [];
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return [{ pointer: prefix, message: `nested too deeply to validate; not validated`, code: 'nested-too-deeply', severity: 'error', at: 'value' }];
  }
  return describeErrors(validate.errors ?? [], compiled.label, prefix).map((f) => ({
    ...f,
    severity: 'error' as const,
    at: f.code === 'required' ? ('field' as const) : ('value' as const),
  }));
}

/** Fields only a Kubernetes object has: with them, a missing apiVersion or kind is a mistake, not another kind of file. */
const OBJECT_FIELDS = ['metadata', 'spec', 'data', 'stringData', 'items', 'rules', 'subjects', 'roleRef', 'webhooks'];

/**
 * Errors for a document whose apiVersion/kind has no schema, where kubectl would refuse it: no
 * apiVersion or an empty kind on an object, or a Kubernetes group at a removed or wrong version
 * or with a misspelled kind (with the fix). Unknown kinds of other groups are left to the caller.
 */
function kindProblem(value: Record<string, unknown>, apiVersion: string | undefined, kind: string | undefined, ctx: FileContext): RawFinding | undefined {
  const objectLike = OBJECT_FIELDS.some((f) => value[f] !== undefined);
  if (kind && !apiVersion) {
    if (!objectLike) return undefined;
    const versions = ctx.store.builtinKinds().apiVersionsOf(kind);
    const hint = versions.length ? ` — add apiVersion: ${versions[0]}` : '';
    return { pointer: 'apiVersion' in value ? '/apiVersion' : '', message: `kind ${kind} has no apiVersion${hint}`, code: 'wrong-kind', severity: 'error', at: 'apiVersion' in value ? 'value' : 'field' };
  }
  if (apiVersion && !kind) {
    if (!objectLike && !('kind' in value)) return undefined;
    return { pointer: 'kind' in value ? '/kind' : '', message: `apiVersion ${apiVersion} has no kind${'kind' in value ? ' (kind is empty)' : ''}`, code: 'wrong-kind', severity: 'error', at: 'kind' in value ? 'value' : 'field' };
  }
  if (!apiVersion || !kind) return undefined;
  const problem = ctx.store.builtinKinds().problem(apiVersion, kind);
  return problem && { ...problem, code: 'wrong-kind', severity: 'error', at: 'value' };
}

function toDiagnostic(f: RawFinding, locator: ChunkLocator): ValidationDiagnostic {
  const range =
    f.key !== undefined
      ? locator.keyRange(f.pointer, f.key)
      : f.at === 'modeline' && f.modeline
        ? locator.range(f.modeline.offset, f.modeline.offset + f.modeline.length)
        : f.at === 'field'
          ? locator.fieldRange(f.pointer)
          : locator.valueRange(f.pointer);
  const path = f.key !== undefined ? joinPointer(f.pointer, f.key) : f.pointer;
  const d = diag(range, f.severity, yaml11Hint(f, locator), path, f.code);
  if (f.fix) {
    const replacement = f.fix.replacement || quoteSource(locator.sourceOf(f.pointer));
    if (replacement) d.data = { title: f.fix.title, replacement };
  }
  return d;
}

/** Words YAML 1.1 (go-yaml v2, so kubectl) reads as booleans; YAML 1.2 reads only true/false. */
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** `value: on` where a string is expected: say why it is a boolean and how to keep it a string. */
function yaml11Hint(f: RawFinding, locator: ChunkLocator): string {
  if (f.code !== 'type' || !/got boolean/.test(f.message) || !/expected [^,]*string/.test(f.message)) return f.message;
  const source = locator.sourceOf(f.pointer);
  if (!source || !YAML11_BOOLEAN.test(source)) return f.message;
  return `${f.message} — YAML 1.1, as kubectl reads it, takes ${source} for a boolean; quote it: "${source}"`;
}

function quoteSource(source: string | undefined): string {
  return source === undefined ? '' : JSON.stringify(source);
}

/** A reader's exception as a message; running out of stack means the text nests too deeply. */
function yamlMessage(err: unknown): string {
  return err instanceof RangeError ? 'YAML: nested too deeply to read; not validated' : `YAML: ${(err as Error).message}`;
}

function templateResult(text: string): ChunkResult {
  const line = Math.max(0, text.split('\n').findIndex((l) => UNQUOTED_TEMPLATE.test(l)));
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return { diagnostics: [diag(range, 'hint', 'contains template expressions ({{ … }}); not validated', '', 'template')], documents: 1 };
}

function diag(range: ValidationDiagnostic['range'], severity: Severity, message: string, path: string, code: ValidationDiagnostic['code']): ValidationDiagnostic {
  return { range, severity, message, path, source: 'youops', code };
}
