import { FILE_LIMITS, readBoundedTextSync } from '../files/readBounded';
import { pointerLabel as label } from '../text/fieldPath';
import { joinPointer, pointerFromSegments, pointerSegments } from '../text/jsonPointer';
import type { Position, Range } from '../text/range';
import { readYamlDocuments } from '../yaml/readYaml';
import { fileSchemaId, selectSchema } from './selectSchema';
import type { SchemaId, SchemaStore } from './schemaStore';
import type { SchemaAssociation } from './types';
import { getDefaultStore } from './validateText';

type Descriptions = Record<string, Record<string, string>>;
type SchemaNode = Record<string, unknown> & { $ref?: string; description?: string };
interface Cursor {
  node: SchemaNode | undefined;
  /** Definition the node lives in, and its pointer inside that definition (keys of the descriptions file). */
  def?: string;
  rel: string;
}

/** Descriptions files are read on the first hover, never by validation. */
const descriptionFiles = new Map<string, Descriptions>();

/** Schema description of the field at `pointer` (e.g. `/spec/replicas`) of a shipped kind. */
export function descriptionFor(apiVersion: string, kind: string, pointer: string, store: SchemaStore = getDefaultStore()): string | undefined {
  const id = store.kindSchemaId(apiVersion, kind);
  return id ? describeAt(id, pointer, store)?.description : undefined;
}

/** Description and type of the field at `pointer` under any schema id. */
export function describeAt(id: SchemaId, pointer: string, store: SchemaStore = getDefaultStore(), confinedTo?: string): { description?: string; type?: string } | undefined {
  const raw = store.rawSchema(id, confinedTo);
  if (!raw) return undefined;
  const descs = raw.descriptionsFile ? loadDescriptions(raw.descriptionsFile) : undefined;
  const rootParts = pointerSegments(raw.rootPointer);
  let cursor: Cursor | undefined = {
    node: getAt(raw.document, rootParts) as SchemaNode,
    def: rootParts[0] === 'definitions' ? rootParts[1] : undefined,
    rel: '',
  };
  for (const seg of pointerSegments(pointer)) {
    cursor = step(raw.document, cursor, seg);
    if (!cursor) return undefined;
  }
  const resolved = resolve(raw.document, cursor);
  const t = resolved.node?.type;
  const type = Array.isArray(t) ? t.filter((x) => x !== 'null').join(' | ') : typeof t === 'string' ? t : undefined;
  return { description: descriptionOf(raw.document, cursor, descs), type };
}

export interface HoverInfo {
  /** Range of the hovered key. */
  range: Range;
  pointer: string;
  /** Markdown: field path, type and description. */
  markdown: string;
}

/** Hover for the key (or value) at `position` of a YAML text, from the schema its document uses. */
export function hoverAt(
  text: string,
  position: Position,
  options: { fileName?: string; associations?: SchemaAssociation[]; rootDir?: string } = {},
  store: SchemaStore = getDefaultStore(),
): HoverInfo | undefined {
  for (const doc of readYamlDocuments(text)) {
    const hit = doc.positions().pathAt(position);
    if (!hit) continue;
    if (doc.value === null || doc.value === undefined) return undefined;
    const selection = selectSchema(doc.value, doc.text, fileSchemaId(options.fileName, options.associations), store, options.fileName, options.rootDir);
    if (!selection || !('id' in selection)) return undefined;
    const info = describeAt(selection.id, hit.pointer, store, selection.confinedTo);
    if (!info?.description && !info?.type) return undefined;
    const heading = `**${label(hit.pointer) || '(document)'}**${info.type ? ` \`${info.type}\`` : ''}`;
    return { range: hit.range, pointer: hit.pointer, markdown: info.description ? `${heading}\n\n${info.description}` : heading };
  }
  return undefined;
}

function step(doc: unknown, c: Cursor, seg: string): Cursor | undefined {
  const r = resolve(doc, c);
  const n = r.node;
  if (!n) return undefined;
  const props = n.properties as Record<string, SchemaNode> | undefined;
  if (props && Object.hasOwn(props, seg)) return { node: props[seg], def: r.def, rel: joinPointer(`${r.rel}/properties`, seg) };
  if (/^\d+$/.test(seg) && n.items && typeof n.items === 'object') return { node: n.items as SchemaNode, def: r.def, rel: `${r.rel}/items` };
  if (n.additionalProperties && typeof n.additionalProperties === 'object') return { node: n.additionalProperties as SchemaNode, def: r.def, rel: `${r.rel}/additionalProperties` };
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = n[k];
    if (!Array.isArray(branches)) continue;
    for (let i = 0; i < branches.length; i++) {
      const hit = step(doc, { node: branches[i] as SchemaNode, def: r.def, rel: `${r.rel}/${k}/${i}` }, seg);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Follows local `$ref`s; a ref moves the cursor to the target definition's root. */
function resolve(doc: unknown, c: Cursor): Cursor {
  let cur = c;
  for (let i = 0; i < 20 && typeof cur.node?.$ref === 'string' && cur.node.$ref.startsWith('#/'); i++) {
    const parts = pointerSegments(cur.node.$ref.slice(1));
    cur = { node: getAt(doc, parts) as SchemaNode | undefined, def: parts[0] === 'definitions' || parts[0] === '$defs' ? parts[1] : undefined, rel: '' };
  }
  return cur;
}

function descriptionOf(doc: unknown, c: Cursor, descs: Descriptions | undefined): string | undefined {
  const own = descs ? (c.def ? descs[c.def]?.[c.rel] : undefined) : c.node?.description;
  if (typeof own === 'string') return own;
  const r = resolve(doc, c);
  return r !== c ? descriptionOf(doc, r, descs) : undefined;
}

function getAt(doc: unknown, parts: string[]): unknown {
  let node = doc;
  for (const p of parts) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  return node;
}

function loadDescriptions(file: string): Descriptions {
  let d = descriptionFiles.get(file);
  if (!d) {
    try {
      d = JSON.parse(readBoundedTextSync(file, FILE_LIMITS.schema)) as Descriptions;
    } catch {
      d = {};
    }
    descriptionFiles.set(file, d);
  }
  return d;
}
