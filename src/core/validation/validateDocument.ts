import { joinPointer } from '../text/jsonPointer';
import { readYamlDocuments, type YamlProblem } from '../yaml/readYaml';
import type { YamlPositions } from '../yaml/yamlPositions';
import { describeErrors, type Finding } from './describeErrors';
import { kustomizeAwareFindings } from './kustomizeRoles';
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
  /** See ValidateOptions.rootDir. */
  rootDir?: string;
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
 * Validates one document chunk, read by the shared YAML layer as kubectl reads it (YAML 1.1
 * booleans, merge keys, duplicate keys with the first one's line, alias budget, depth). Positions
 * are computed only for a document with findings. YAML problems do not hide schema findings:
 * where the rest of the document reads, it is validated with the value kubectl would use.
 */
export async function validateChunk(text: string, ctx: FileContext): Promise<ChunkResult> {
  // Helm-style templates are not YAML until rendered; `'{{path}}'` in a quoted string (ApplicationSet) is fine.
  if (text.includes('{{') && UNQUOTED_TEMPLATE.test(text)) return templateResult(text);
  const diagnostics: ValidationDiagnostic[] = [];
  let documents = 0;
  for (const doc of readYamlDocuments(text)) {
    // Lines a syntax error makes uncertain: its own and the one before (an unclosed `[` is reported on the next line).
    const uncertain = new Set<number>();
    for (const p of firstProblems(doc.problems)) {
      if (p.code === 'yaml-syntax') uncertain.add(p.range.start.line).add(p.range.start.line - 1);
      diagnostics.push(diag(p.range, p.severity, yamlProblemMessage(p), '', p.code === 'too-deep' ? 'nested-too-deeply' : 'yaml-syntax'));
    }
    if (doc.value === null || doc.value === undefined) {
      if (doc.problems.length) documents++;
      continue;
    }
    documents++;
    // The reader stopped at the depth limit: what it kept is not the document.
    if (doc.problems.some((p) => p.code === 'too-deep')) continue;
    const findings = await check(doc.value, '', text, ctx);
    if (findings.length === 0) continue;
    const positions = doc.positions();
    const limit = ctx.maxDiagnosticsPerDocument;
    let shown = 0;
    for (const f of findings) {
      const d = toDiagnostic(f, positions);
      // A finding next to a syntax error is its consequence (the parser's recovered reading), not a second mistake.
      if (uncertain.has(d.range.start.line)) continue;
      if (shown++ < limit) diagnostics.push(d);
    }
    if (shown > limit) {
      diagnostics.push(diag(positions.valueRange(''), 'information', `${shown - limit} more problems in this document not shown`, '', 'too-many'));
    }
  }
  // In source order; "N more problems" stays last.
  const last = (d: ValidationDiagnostic) => (d.code === 'too-many' ? 1 : 0);
  diagnostics.sort((a, b) => last(a) - last(b) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { diagnostics, documents };
}

/** One mistake often yields several parser errors at the same spot: the first per line, at most 3 syntax errors. */
function firstProblems(problems: readonly YamlProblem[]): YamlProblem[] {
  const lines = new Set<number>();
  let syntax = 0;
  return problems.filter((p) => {
    if (lines.has(p.range.start.line)) return false;
    if (p.code === 'yaml-syntax' && ++syntax > 3) return false;
    lines.add(p.range.start.line);
    return true;
  });
}

function yamlProblemMessage(p: YamlProblem): string {
  return p.code === 'too-deep' ? `${p.message}; not validated` : `YAML: ${p.message}`;
}

/** Schema findings for a parsed value (no positions yet); `prefix` points into a List's items. */
async function check(value: unknown, prefix: string, text: string, ctx: FileContext): Promise<RawFinding[]> {
  const selection = selectSchema(value, prefix ? '' : text, prefix ? undefined : ctx.fileChoice, ctx.store, ctx.fileName, ctx.rootDir);
  if (!selection) return [];
  if ('refused' in selection) return [{ pointer: prefix, message: selection.refused, code: 'schema-load', severity: 'error', at: 'modeline', modeline: selection.modeline }];
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
  const compiled = ctx.store.getSync(selection.id, selection.confinedTo) ?? (await ctx.store.get(selection.id, selection.confinedTo));
  if (compiled.error) {
    // File-level associations report their load error once per file (see validateText).
    if (selection.origin === 'association' || selection.origin === 'file-pattern') return [];
    return [{ pointer: prefix, message: compiled.error, code: 'schema-load', severity: 'error', at: selection.modeline ? 'modeline' : 'field', modeline: selection.modeline }];
  }
  const validate = compiled.validate!;
  try {
    if (validate(value)) return [];
  } catch (err) {
    // The reading layer bounds nesting and aliases (src/core/yaml/limits.ts); this is the last guard of the stack.
    if (!(err instanceof RangeError)) throw err;
    return [{ pointer: prefix, message: `nested too deeply to validate; not validated`, code: 'nested-too-deeply', severity: 'error', at: 'value' }];
  }
  const described = describeErrors(validate.errors ?? [], compiled.label, prefix);
  // The kustomize hook: patch files are partial objects; legacy plain-string patches say how kustomize v5 reads them.
  const findings = kustomizeAwareFindings(described, value, { partialObject: ctx.partialObject && !prefix, kustomization: selection.id === 'builtin:kustomization' });
  return findings.map((f) => ({
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

function toDiagnostic(f: RawFinding, locator: YamlPositions): ValidationDiagnostic {
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
function yaml11Hint(f: RawFinding, locator: YamlPositions): string {
  if (f.code !== 'type' || !/got boolean/.test(f.message) || !/expected [^,]*string/.test(f.message)) return f.message;
  const source = locator.sourceOf(f.pointer);
  if (!source || !YAML11_BOOLEAN.test(source)) return f.message;
  return `${f.message} — YAML 1.1, as kubectl reads it, takes ${source} for a boolean; quote it: "${source}"`;
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
