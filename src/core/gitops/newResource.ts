import * as path from 'node:path';
import { isMap, parseAllDocuments } from 'yaml';
import type { ResourceComparison } from '../environments/compareEnvironments';
import { pointerSegments } from '../text/jsonPointer';
import type { ManifestResource } from '../manifests/manifestResource';
import { resourceKey } from '../manifests/resourceId';
import { GitOpsError } from './gitOpsError';
import { kustomizationResourceEdit } from './kustomizeResources';
import type { FileEdit, PromotionChange } from './promotionChange';
import { targetNamespace } from './targetNamespace';
import { applyTextEdits, offsetAt, type TextEdit } from './textEdits';
import { scalarText } from './yamlValueText';

/** Where new files of the target go: its own manifests folder (with its kustomization), or why none fits. */
export type NewFilesFolder = { dir: string; kustomization?: string } | { problem: string };

export interface NewResourceContext {
  from: string;
  to: string;
  /** Every resource pair of the two environments (not only the --resource one): counterparts and namespaces are read off them. */
  pairs: readonly ResourceComparison[];
  folder: NewFilesFolder;
  /** Files the target environment reads. */
  targetFiles: ReadonlySet<string>;
  /** Target texts, recorded in the plan; '' for a file that does not exist. */
  readTarget(file: string): Promise<string>;
  readSource(file: string): Promise<string>;
  exists(file: string): Promise<boolean>;
  /** Why a target file cannot be edited (shared with another environment, generated), if so. */
  blockedReason(file: string, text: string): string | undefined;
  /** New target file → the source file it copies from: two source files never merge into one. */
  newFiles: Map<string, string>;
}

/**
 * A resource only the source has, added to the target: its source document copied byte
 * for byte (comments included), namespaces rewritten when the other resources show the
 * target's, appended to the target file holding the counterparts of its source file's other
 * resources (or named like it), else as a new file named like the source file, listed in
 * the target kustomization's `resources:`.
 */
export async function newResourceChange(resource: ManifestResource, ctx: NewResourceContext): Promise<PromotionChange> {
  const { kind, name } = resource.id;
  const ns = targetNamespace(ctx.pairs, resource.id.namespace, ctx.to);
  const nsLabel = ns.to ? `; namespace ${resource.id.namespace} → ${ns.to}` : ns.note ? `; ${ns.note}` : '';
  const change = (file: string, where: string, extra: Partial<PromotionChange> = {}): PromotionChange => ({
    id: `new#${resource.key}`,
    label: `${kind} ${name}: new in ${ctx.to}, ${where}${nsLabel}`,
    from: resource.object,
    to: undefined,
    file,
    line: 0,
    suggested: false,
    ...extra,
  });
  const blocked = (file: string, reason: string) => change(file, `from ${path.basename(resource.file)}`, { blocked: reason });

  const counterpart = ctx.pairs.find((p) => p.from?.file === resource.file && p.to)?.to?.file;
  let file = counterpart;
  if (!file) {
    if ('problem' in ctx.folder) return blocked(resource.file, ctx.folder.problem);
    const named = path.join(ctx.folder.dir, path.basename(resource.file));
    if (ctx.targetFiles.has(named)) file = named;
    else if (await ctx.exists(named)) return blocked(named, `${path.basename(named)} exists in ${ctx.to}'s folder but ${ctx.to} does not read it; add ${kind} ${name} by hand`);
    else if ((ctx.newFiles.get(named) ?? resource.file) !== resource.file) return blocked(named, `${path.basename(named)} is already new in ${ctx.to} with resources of another file; add ${kind} ${name} by hand`);
    else file = named;
  }
  const isNew = !counterpart && !ctx.targetFiles.has(file);
  const where = `${isNew ? 'new file' : 'appended to'} ${path.basename(file)}`;

  let doc: { text: string; object: unknown };
  try {
    doc = documentCopy(await ctx.readSource(resource.file), resource, ns.to);
  } catch (err) {
    if (err instanceof GitOpsError) return blocked(file, err.message);
    throw err;
  }
  const text = isNew ? '' : await ctx.readTarget(file);
  if (isNew) ctx.newFiles.set(file, resource.file);
  const reason = isNew ? undefined : ctx.blockedReason(file, text);
  if (reason) return blocked(file, reason);

  const lead = (text === '' || text.endsWith('\n') ? '' : '\n') + (text.trim() === '' || startsWithDocumentMarker(doc.text) ? '' : '---\n');
  const edit: TextEdit = { start: text.length, end: text.length, newText: lead + doc.text };
  const id = { ...resource.id, ...(ns.to ? { namespace: ns.to } : {}) };
  const also: FileEdit[] = [];
  if (isNew && 'dir' in ctx.folder && ctx.folder.kustomization) {
    const kfile = ctx.folder.kustomization;
    const entry = path.relative(path.dirname(kfile), file).split(path.sep).join('/');
    try {
      const kedit = kustomizationResourceEdit(await ctx.readTarget(kfile), entry);
      if (kedit) also.push({ file: kfile, edit: kedit, check: { kind: 'kustomizationResource', entry } });
    } catch (err) {
      if (err instanceof GitOpsError) return blocked(file, err.message);
      throw err;
    }
  }
  return change(file, where, {
    line: (text + lead).split('\n').length - 1,
    edit,
    check: { kind: 'resource', resourceKey: resourceKey(id), value: doc.object },
    adds: { newFile: isNew },
    ...(also.length ? { also } : {}),
  });
}

/**
 * The text of the resource's document in its source file, from its `---` (the first one
 * from the file's start, header comments included) to the next, ending with a newline;
 * with every `namespace:` field that names the source namespace set to `namespace`.
 */
function documentCopy(source: string, resource: ManifestResource, namespace: string | undefined): { text: string; object: unknown } {
  const docs = parseAllDocuments(source);
  if (!Array.isArray(docs) || !docs[resource.docIndex]) throw new GitOpsError('notEditable', `cannot find ${resource.id.kind} ${resource.id.name} in ${path.basename(resource.file)}`);
  const d = docs[resource.docIndex];
  const kind: unknown = isMap(d.contents) ? d.contents.get('kind') : undefined;
  if (typeof kind === 'string' && kind.endsWith('List')) {
    throw new GitOpsError('notEditable', `it is an item of a ${kind} in ${path.basename(resource.file)}; add it by hand`);
  }
  const start = resource.docIndex === 0 ? 0 : d.range[0];
  const end = docs[resource.docIndex + 1]?.range[0] ?? source.length;
  const object = structuredClone(resource.object);
  const edits: TextEdit[] = [];
  if (namespace !== undefined) {
    for (const [pointer, loc] of resource.fields) {
      const segments = pointerSegments(pointer);
      if (segments[segments.length - 1] !== 'namespace' || getAt(object, segments) !== resource.id.namespace) continue;
      const from = offsetAt(source, loc.valueRange.start);
      const to = offsetAt(source, loc.valueRange.end);
      edits.push({ start: from - start, end: to - start, newText: scalarText(source.slice(from, to), namespace) });
      setAt(object, segments, namespace);
    }
  }
  const text = applyTextEdits(source.slice(start, end), edits);
  return { text: text.endsWith('\n') ? text : text + '\n', object };
}

/** True when the first line that is not blank or a comment is `---`. */
function startsWithDocumentMarker(text: string): boolean {
  return /^(?:[ \t]*(?:#[^\n]*)?\n)*---(?:[ \t\n]|$)/.test(text);
}

function getAt(object: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), object);
}

function setAt(object: unknown, segments: string[], value: unknown): void {
  const parent = getAt(object, segments.slice(0, -1)) as Record<string, unknown>;
  parent[segments[segments.length - 1]] = value;
}
