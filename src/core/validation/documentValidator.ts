import { createHash } from 'node:crypto';
import type { SchemaStore } from './schemaStore';
import type { ValidateOptions, ValidationResult } from './types';
import type { ChunkResult } from './validateDocument';
import { getDefaultStore, validateText } from './validateText';

interface OpenDocument {
  /** Options that change results (file name, associations, severities): a change drops the cache. */
  optionsKey: string;
  cache: Map<string, ChunkResult>;
  last?: { textHash: string; result: ValidationResult };
}

/**
 * Validation for open editors: per document (uri), results of unchanged YAML documents are
 * reused, so an edit re-validates only the document that changed; an unchanged text (same
 * hash) returns the previous result at once. Cancellable through options.token.
 */
export class DocumentValidator {
  private readonly open = new Map<string, OpenDocument>();

  constructor(private readonly store: SchemaStore = getDefaultStore()) {}

  async validate(uri: string, text: string, options: ValidateOptions = {}): Promise<ValidationResult> {
    const optionsKey = JSON.stringify([options.fileName, options.associations, options.unknownKindSeverity, options.maxDiagnosticsPerDocument, options.partialObject]);
    let entry = this.open.get(uri);
    if (!entry || entry.optionsKey !== optionsKey) {
      entry = { optionsKey, cache: new Map() };
      this.open.set(uri, entry);
    }
    const textHash = createHash('sha1').update(text).digest('hex');
    if (entry.last?.textHash === textHash) return entry.last.result;
    const result = await validateText(text, options, this.store, { cache: entry.cache, yieldMs: 15 });
    if (!result.cancelled) entry.last = { textHash, result };
    return result;
  }

  /** Call when an editor closes. */
  forget(uri: string): void {
    this.open.delete(uri);
  }

  /** Call when schemas or associations changed (e.g. a schema file was edited, CRDs were read from the cluster). */
  reset(): void {
    this.open.clear();
    this.store.clearExternal();
  }
}
