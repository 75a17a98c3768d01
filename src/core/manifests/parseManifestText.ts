import { isMap, isNode, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { LineIndex, type Range } from '../text/range';
import { joinPointer } from './jsonPointer';
import type { FieldLocation, ManifestError, ManifestResource } from './manifestResource';
import { isRecord, resourceIdOf, resourceKey } from './resourceId';

export interface ParsedManifests {
  resources: ManifestResource[];
  errors: ManifestError[];
}

/**
 * Parses multi-document YAML (or JSON) into resources with field positions.
 * Never throws: broken documents become errors with a range and are skipped,
 * so one typo does not hide the rest of the file.
 */
export function parseManifestText(text: string, file: string, at: { line?: number; docIndex?: number } = {}): ParsedManifests {
  const resources: ManifestResource[] = [];
  const errors: ManifestError[] = [];
  // `at` places a slice of a file (one document, see IncrementalManifestParser) at its real line and index.
  const lines = new LineIndex(text, at.line ?? 0);
  const firstDoc = at.docIndex ?? 0;
  const looksTemplated = text.includes('{{');

  let docs: Document.Parsed[];
  try {
    // logLevel error: toJS() of collection keys (`? [a, b]`) would otherwise print a process warning per parse.
    const parsed = parseAllDocuments(text, { prettyErrors: false, strict: false, logLevel: 'error' });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    errors.push({ file, severity: 'error', message: `cannot parse YAML: ${(e as Error).message}` });
    return { resources, errors };
  }

  docs.forEach((doc, i) => {
    const docIndex = firstDoc + i;
    if (doc.errors.length > 0) {
      // One error often comes as several (e.g. bad indentation): span them all.
      const first = doc.errors[0];
      const start = Math.min(...doc.errors.map((e) => e.pos[0]));
      const end = Math.max(...doc.errors.map((e) => e.pos[1]));
      const range = lines.rangeOf(start, Math.max(start, end));
      errors.push(
        looksTemplated
          ? { file, severity: 'info', range, message: `document ${docIndex + 1} contains template expressions ({{ … }}) and is not plain YAML; skipped` }
          : { file, severity: 'error', range, message: `YAML error in document ${docIndex + 1}: ${firstLine(first.message)}` },
      );
      return;
    }
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return; // empty document

    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      errors.push({ file, severity: 'error', range: nodeRange(contents, lines), message: `document ${docIndex + 1}: ${(e as Error).message}` });
      return;
    }

    const listItems = listItemNodes(object, contents);
    if (listItems) {
      listItems.nodes.forEach((itemNode, i) => {
        addResource(listItems.values[i], itemNode, docIndex, `item ${i} of document ${docIndex + 1}`);
      });
      return;
    }
    addResource(object, contents, docIndex, `document ${docIndex + 1}`);
  });

  function addResource(object: unknown, node: Node, docIndex: number, label: string): void {
    const id = resourceIdOf(object);
    if (!id) {
      errors.push({ file, severity: 'info', range: nodeRange(node, lines), message: `${label} has no kind or metadata.name; not a resource, skipped` });
      return;
    }
    const fields = new Map<string, FieldLocation>();
    collectFields(node, '', fields, lines);
    resources.push({ id, key: resourceKey(id), file, docIndex, range: nodeRange(node, lines), object, fields });
  }

  return { resources, errors };
}

/** `kind: List` / `*List` documents (e.g. `kubectl get -o yaml`) hold their resources in `items`. */
function listItemNodes(object: unknown, node: Node): { values: unknown[]; nodes: Node[] } | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string' || !object.kind.endsWith('List')) return undefined;
  if (!Array.isArray(object.items) || !isMap(node)) return undefined;
  const itemsNode = node.get('items', true);
  if (!isSeq(itemsNode)) return undefined;
  const nodes: Node[] = [];
  const values: unknown[] = [];
  itemsNode.items.forEach((n, i) => {
    if (isNode(n)) {
      nodes.push(n);
      values.push(object.items instanceof Array ? object.items[i] : undefined);
    }
  });
  return { values, nodes };
}

/** JSON pointer → key/value ranges of every field under `node` (also used for kustomization files and patches). */
export function collectFields(node: Node, pointer: string, fields: Map<string, FieldLocation>, lines: LineIndex): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || key.value === '<<') continue; // merge keys have no single location
      const child = joinPointer(pointer, String(key.value));
      const keyRange = nodeRange(key, lines);
      const value = pair.value;
      if (isNode(value)) {
        fields.set(child, { keyRange, valueRange: nodeRange(value, lines) });
        collectFields(value, child, fields, lines);
      } else {
        fields.set(child, { keyRange, valueRange: { start: keyRange.end, end: keyRange.end } });
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (!isNode(item)) return;
      const child = joinPointer(pointer, i);
      const range = nodeRange(item, lines);
      fields.set(child, { keyRange: range, valueRange: range });
      collectFields(item, child, fields, lines);
    });
  }
}

/** Range up to the value end, excluding trailing comments and newlines. */
function nodeRange(node: Node, lines: LineIndex): Range {
  const r = node.range;
  if (!r) return lines.rangeOf(0, 0);
  return lines.rangeOf(r[0], r[1]);
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}
