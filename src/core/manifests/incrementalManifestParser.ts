import type { Range } from '../text/range';
import type { FieldLocation, ManifestError, ManifestResource } from './manifestResource';
import { parseManifestText, type ParsedManifests } from './parseManifestText';

interface Chunk {
  text: string;
  line: number;
}

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
    splitDocuments(text).forEach((chunk, docIndex) => {
      const candidates = this.cache.get(chunk.text);
      const reused = candidates?.shift();
      let entry: CachedChunk;
      if (!reused) entry = { line: chunk.line, docIndex, result: parseManifestText(chunk.text, file, { line: chunk.line, docIndex }) };
      else if (reused.line === chunk.line && reused.docIndex === docIndex) entry = reused;
      else entry = { line: chunk.line, docIndex, result: shift(reused.result, chunk.line - reused.line, docIndex - reused.docIndex) };
      next.set(chunk.text, [...(next.get(chunk.text) ?? []), entry]);
      resources.push(...entry.result.resources);
      errors.push(...entry.result.errors);
    });
    this.cache = next;
    return { resources, errors };
  }
}

/**
 * Splits at `---` lines in column 0: inside a block scalar such a line would be
 * indented, so a column-0 marker always starts a new document.
 */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let offset = 0;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    if (offset > start && text.startsWith('---', offset) && (end === offset + 3 || /\s/.test(text[offset + 3]))) {
      chunks.push({ text: text.slice(start, offset), line: startLine });
      start = offset;
      startLine = line;
    }
    if (nl < 0) break;
    offset = nl + 1;
    line++;
  }
  chunks.push({ text: text.slice(start), line: startLine });
  return chunks;
}

function shift(result: ParsedManifests, lines: number, docs: number): ParsedManifests {
  const r = (range: Range): Range => ({
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  });
  return {
    resources: result.resources.map((res) => {
      const fields = new Map<string, FieldLocation>();
      for (const [k, f] of res.fields) fields.set(k, { keyRange: r(f.keyRange), valueRange: r(f.valueRange) });
      return { ...res, docIndex: res.docIndex + docs, range: r(res.range), fields };
    }),
    errors: result.errors.map((e) => (e.range ? { ...e, range: r(e.range) } : e)),
  };
}
