import type { Range } from '../text/range';
import { readYamlDocuments, type YamlDocument } from '../yaml/readYaml';
import { LazyFieldMap } from './lazyFieldMap';
import type { ManifestError, ManifestResource } from './manifestResource';
import { isRecord, resourceIdOf, resourceKey } from './resourceId';

export interface ParsedManifests {
  resources: ManifestResource[];
  errors: ManifestError[];
}

/**
 * Reads multi-document YAML (or JSON) into resources, as kubectl reads it (see ../yaml).
 * Never throws: a broken document becomes an error with a range and is skipped, so one typo
 * does not hide the rest of the file. Field positions are computed only when a resource's
 * `fields` are first used.
 */
export function parseManifestText(text: string, file: string, at: { line?: number; docIndex?: number } = {}): ParsedManifests {
  const resources: ManifestResource[] = [];
  const errors: ManifestError[] = [];
  const looksTemplated = text.includes('{{');

  for (const doc of readYamlDocuments(text, { firstLine: at.line, firstIndex: at.docIndex })) {
    const label = `document ${doc.index + 1}`;
    if (doc.hasSyntaxErrors) {
      errors.push(looksTemplated ? { file, severity: 'info', range: span(doc), message: `${label} contains template expressions ({{ … }}) and is not plain YAML; skipped` } : syntaxError(doc, file));
      continue;
    }
    for (const p of doc.problems) errors.push({ file, severity: 'error', range: p.range, message: `${label}: ${p.message}` });
    const object = doc.value;
    if (object === null || object === undefined) continue; // empty, or refused above

    const items = listItems(object);
    if (items) {
      items.forEach((item, i) => addResource(item, doc, `/items/${i}`, `item ${i} of ${label}`));
      continue;
    }
    addResource(object, doc, '', label);
  }

  function addResource(object: unknown, doc: YamlDocument, pointer: string, label: string): void {
    const id = resourceIdOf(object);
    if (!id) {
      errors.push({ file, severity: 'info', range: pointer ? doc.positions().field(pointer)?.valueRange ?? contentRange(doc) : contentRange(doc), message: `${label} has no kind or metadata.name; not a resource, skipped` });
      return;
    }
    const range = pointer ? (doc.positions().field(pointer)?.valueRange ?? contentRange(doc)) : contentRange(doc);
    const fields = new LazyFieldMap(
      () => doc.positions().fieldsUnder(pointer),
      (key) => (key.startsWith('/') ? doc.positions().field(pointer + key) : undefined),
    );
    resources.push({ id, key: resourceKey(id), file, docIndex: doc.index, range, object, fields });
  }

  return { resources, errors };
}

/** `kind: List` / `*List` documents (e.g. `kubectl get -o yaml`) hold their resources in `items`. */
export function listItems(object: unknown): unknown[] | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string' || !object.kind.endsWith('List')) return undefined;
  return Array.isArray(object.items) ? object.items : undefined;
}

/** One mistake often comes as several errors (e.g. bad indentation): the message of the first, the range of them all. */
function syntaxError(doc: YamlDocument, file: string): ManifestError {
  const first = doc.problems.find((p) => p.code === 'yaml-syntax' || p.code === 'too-deep')!;
  return { file, severity: 'error', range: span(doc), message: `YAML error in document ${doc.index + 1}: ${first.message}` };
}

function span(doc: YamlDocument): Range {
  const syntax = doc.problems.filter((p) => p.code === 'yaml-syntax' || p.code === 'too-deep');
  if (syntax.length === 0) return contentRange(doc);
  const start = syntax.reduce((a, p) => (before(p.range.start, a) ? p.range.start : a), syntax[0].range.start);
  const end = syntax.reduce((a, p) => (before(a, p.range.end) ? p.range.end : a), syntax[0].range.end);
  return { start, end };
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

const CONTENT_LINE = /^(?!\s*(?:#|$))(?!%)(?!(?:---|\.\.\.)(?:\s|$))/;

/**
 * Lines of a document's content without parsing it: from its first content line (past comments,
 * directives and `---`) to the end of its last one. What a lens or a reveal needs of a resource.
 */
function contentRange(doc: YamlDocument): Range {
  // Scanned from both ends: a document's content runs from its first content line to its last.
  const text = doc.text;
  let first = -1;
  let firstCharacter = 0;
  let firstStart = 0;
  let firstLength = 0;
  for (let i = 0, at = 0; at <= text.length; i++) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, '');
    const start = at;
    at = end + 1;
    let content = line;
    let offset = 0;
    if (/^---[ \t]/.test(line)) {
      // `--- key: value`: the content starts after the marker.
      const rest = line.slice(4).replace(/^[ \t]*/, '');
      if (rest === '' || rest.startsWith('#')) continue;
      offset = line.length - rest.length;
      content = rest;
    } else if (!CONTENT_LINE.test(line)) continue;
    first = i;
    firstCharacter = offset + (content.length - content.trimStart().length);
    firstStart = start;
    firstLength = line.length;
    break;
  }
  if (first < 0) return { start: { line: doc.startLine, character: 0 }, end: { line: doc.startLine, character: 0 } };
  const startPosition = { line: doc.startLine + first, character: firstCharacter };
  for (let end = text.length; ; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (start <= firstStart) return { start: startPosition, end: { line: doc.startLine + first, character: firstLength } };
    const line = text.slice(start, end).replace(/\r$/, '');
    if (CONTENT_LINE.test(line)) return { start: startPosition, end: { line: doc.startLine + countLines(text, start), character: line.length } };
    end = start - 1;
  }
}

/** The 0-based line of an offset. */
function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
