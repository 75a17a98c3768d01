import { issueFormDiagnostics } from './issueFormChecks';
import { fileSchemaId } from './selectSchema';
import { SchemaStore } from './schemaStore';
import { splitDocuments } from '../text/splitYamlDocuments';
import type { ValidateOptions, ValidationDiagnostic, ValidationResult } from './types';
import { validateChunk, type ChunkResult, type FileContext } from './validateDocument';

let defaultStore: SchemaStore | undefined;

/** The process-wide store over the shipped schemas (lazy: nothing is read until first use). */
export function getDefaultStore(): SchemaStore {
  defaultStore ??= new SchemaStore();
  return defaultStore;
}

export interface ValidateTextInternals {
  /** Previous results by document text, reused when a document did not change. */
  cache?: Map<string, ChunkResult>;
  /** Let other work run every this many ms (editor: keeps the extension host responsive). */
  yieldMs?: number;
}

/**
 * Validates YAML text (one or many documents): syntax errors, schema findings with exact
 * ranges, unknown kinds. Never throws on bad input.
 */
export async function validateText(text: string, options: ValidateOptions = {}, store = getDefaultStore(), internals: ValidateTextInternals = {}): Promise<ValidationResult> {
  const fileChoice = fileSchemaId(options.fileName, options.associations);
  const ctx: FileContext = {
    store,
    fileName: options.fileName,
    fileChoice,
    unknownKindSeverity: options.unknownKindSeverity ?? 'information',
    maxDiagnosticsPerDocument: options.maxDiagnosticsPerDocument ?? 100,
    ...(options.partialObject ? { partialObject: true } : {}),
    ...(options.rootDir !== undefined ? { rootDir: options.rootDir } : {}),
  };
  const diagnostics: ValidationDiagnostic[] = [];
  if (fileChoice) {
    const compiled = store.getSync(fileChoice.id, fileChoice.confinedTo) ?? (await store.get(fileChoice.id, fileChoice.confinedTo));
    if (compiled.error) {
      // A broken association: one diagnostic for the file, and its documents are not validated.
      diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', message: compiled.error, path: '', source: 'youops', code: 'schema-load' });
    }
  }
  let documents = 0;
  let lastYield = Date.now();
  const fresh = internals.cache ? new Map<string, ChunkResult>() : undefined;
  for (const chunk of splitDocuments(text)) {
    if (options.token?.isCancellationRequested) return { diagnostics, documents, cancelled: true };
    if (internals.yieldMs !== undefined && Date.now() - lastYield > internals.yieldMs) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
      if (options.token?.isCancellationRequested) return { diagnostics, documents, cancelled: true };
    }
    let result = internals.cache?.get(chunk.text) ?? fresh?.get(chunk.text);
    if (!result) result = await validateChunk(chunk.text, ctx);
    fresh?.set(chunk.text, result);
    documents += result.documents;
    for (const d of result.diagnostics) diagnostics.push(chunk.startLine === 0 ? d : shift(d, chunk.startLine));
  }
  if (fileChoice?.id === 'builtin:github-issue-forms') {
    diagnostics.push(...issueFormDiagnostics(text, options.fileName, [...diagnostics]));
  }
  if (fresh && internals.cache) {
    // Keep only the documents of this version: memory stays proportional to the open file.
    internals.cache.clear();
    for (const [k, v] of fresh) internals.cache.set(k, v);
  }
  return { diagnostics, documents };
}

function shift(d: ValidationDiagnostic, lines: number): ValidationDiagnostic {
  return {
    ...d,
    range: { start: { line: d.range.start.line + lines, character: d.range.start.character }, end: { line: d.range.end.line + lines, character: d.range.end.character } },
  };
}
