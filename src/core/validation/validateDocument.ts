import * as jsyaml from 'js-yaml';
import { parseAllDocuments, type Document, type Node, isScalar } from 'yaml';
import { joinPointer } from '../text/jsonPointer';
import { LineIndex } from '../text/range';
import { describeErrors, type Finding } from './describeErrors';
import { kustomizeAwareFindings } from './kustomizeRoles';
import { ChunkLocator } from './locate';
import { selectSchema, type fileSchemaId } from './selectSchema';
import type { SchemaStore } from './schemaStore';
import type { Severity, ValidationDiagnostic } from './types';

/** What every document of one file shares. */
export interface FileContext {
  store: SchemaStore;
  fileName?: string;
  fileChoice: ReturnType<typeof fileSchemaId>;
  unknownKindSeverity: Severity | 'ignore';
  maxDiagnosticsPerDocument: number;
  /** See ValidateOptions.partialObject. */
  partialObject?: boolean;
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
    return { diagnostics: [diag(new LineIndex(text).rangeOf(0, 0), 'error', `YAML: ${(err as Error).message}`, '', 'yaml-syntax')], documents: 1 };
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
        diagnostics.push(diag(range, 'error', `YAML: ${e.message.split('\n')[0]}`, '', 'yaml-syntax'));
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
      diagnostics.push(diag(locator.valueRange(''), 'error', `YAML: ${(err as Error).message}`, '', 'yaml-syntax'));
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
  if (validate(value)) return [];
  const described = describeErrors(validate.errors ?? [], compiled.label, prefix);
  // The kustomize hook: patch files are partial objects; legacy plain-string patches say how kustomize v5 reads them.
  const findings = kustomizeAwareFindings(described, value, { partialObject: ctx.partialObject && !prefix, kustomization: selection.id === 'builtin:kustomization' });
  return findings.map((f) => ({
    ...f,
    severity: 'error' as const,
    at: f.code === 'required' ? ('field' as const) : ('value' as const),
  }));
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
  const d = diag(range, f.severity, f.message, path, f.code);
  if (f.fix) {
    const replacement = f.fix.replacement || quoteSource(locator.sourceOf(f.pointer));
    if (replacement) d.data = { title: f.fix.title, replacement };
  }
  return d;
}

function quoteSource(source: string | undefined): string {
  return source === undefined ? '' : JSON.stringify(source);
}

function templateResult(text: string): ChunkResult {
  const line = Math.max(0, text.split('\n').findIndex((l) => UNQUOTED_TEMPLATE.test(l)));
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return { diagnostics: [diag(range, 'hint', 'contains template expressions ({{ … }}); not validated', '', 'template')], documents: 1 };
}

function diag(range: ValidationDiagnostic['range'], severity: Severity, message: string, path: string, code: ValidationDiagnostic['code']): ValidationDiagnostic {
  return { range, severity, message, path, source: 'youops', code };
}
