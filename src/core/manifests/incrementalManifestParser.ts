import type { Range } from '../text/range';
import type { FieldLocation, ManifestError, ManifestResource } from './manifestResource';
import { splitDocuments } from '../text/splitYamlDocuments';
import { LazyFieldMap, shift as shiftRange } from './lazyFieldMap';
import { parseManifestText, type ParsedManifests } from './parseManifestText';

interface CachedChunk {
  line: number;
  docIndex: number;
  result: ParsedManifests;
}

/**
 * Re-parses only the documents of a file that changed since the last call.
 * A keystroke touches one document of a multi-document manifest; the others
 * are reused as they are, or shifted when lines were inserted above them.
 */
export class IncrementalManifestParser {
  private cache = new Map<string, CachedChunk[]>();

  parse(text: string, file: string): ParsedManifests {
    const next = new Map<string, CachedChunk[]>();
    const resources: ManifestResource[] = [];
    const errors: ManifestError[] = [];
    splitDocuments(text, { emptyDocuments: true }).forEach((chunk, docIndex) => {
      const candidates = this.cache.get(chunk.text);
      const reused = candidates?.shift();
      let entry: CachedChunk;
      if (!reused) entry = { line: chunk.startLine, docIndex, result: parseManifestText(chunk.text, file, { line: chunk.startLine, docIndex }) };
      else if (reused.line === chunk.startLine && reused.docIndex === docIndex) entry = reused;
      else entry = { line: chunk.startLine, docIndex, result: shift(reused.result, chunk.startLine - reused.line, docIndex - reused.docIndex) };
      next.set(chunk.text, [...(next.get(chunk.text) ?? []), entry]);
      resources.push(...entry.result.resources);
      errors.push(...entry.result.errors);
    });
    this.cache = next;
    return { resources, errors };
  }
}

function shift(result: ParsedManifests, lines: number, docs: number): ParsedManifests {
  const r = (range: Range): Range => shiftRange(range, lines);
  return {
    resources: result.resources.map((res) => ({ ...res, docIndex: res.docIndex + docs, range: r(res.range), fields: shiftedFields(res.fields, lines) })),
    errors: result.errors.map((e) => (e.range ? { ...e, range: r(e.range) } : e)),
  };
}

function shiftedFields(fields: ReadonlyMap<string, FieldLocation>, lines: number): ReadonlyMap<string, FieldLocation> {
  if (fields instanceof LazyFieldMap) return fields.shifted(lines);
  const out = new Map<string, FieldLocation>();
  for (const [k, f] of fields) out.set(k, { keyRange: shiftRange(f.keyRange, lines), valueRange: shiftRange(f.valueRange, lines) });
  return out;
}
