import * as path from 'node:path';
import type { FieldDifference } from '../environments/compareEnvironments';
import { counterpartPointer } from '../drift/counterpartPointer';
import { readYamlDocuments } from '../kustomize/yamlDocuments';
import type { ValueSource, WrittenValue } from '../kustomize/valueSources';
import { pointerFromSegments, pointerSegments, valueAt } from '../text/jsonPointer';
import type { ManifestResource } from '../manifests/manifestResource';
import { parseManifestText } from '../manifests/parseManifestText';
import { fieldEdit } from './fieldEdit';
import { GitOpsError } from './gitOpsError';
import { parseImage } from '../manifests/imageReference';
import type { ChangeCheck, PromotionChange } from './promotionChange';
import { offsetAt, type TextEdit } from './textEdits';
import { scalarText } from './yamlValueText';

export interface RenderedChangeContext {
  /** Target environment name, for messages. */
  target: string;
  /** Messages name files relative to it. */
  rootDir: string;
  read(file: string): Promise<string>;
  /** The other environments: the files their renderings read (a shared base is among them) and what they render. */
  others: Array<{ name: string; files: ReadonlySet<string>; resources: readonly ManifestResource[] }>;
}

/**
 * A difference between two rendered environments, as the edit of the line that sets the
 * target's value: its patch (file or inline), its `images:` or `replicas:` entry, its
 * generator literal or env-file line, or its own manifest. Names, namespaces and labels the
 * overlays set are the environments' identity, and references kustomize computes (hash
 * suffixes, prefixes) follow from other values: neither is promoted (undefined). A value set
 * in a file another environment reads is blocked with the reason and `shared` (who else reads
 * it, whom the edit changes), never edited silently: the edit is there for a person to agree to.
 */
export async function renderedFieldChange(from: ManifestResource, to: ManifestResource, d: FieldDifference, ctx: RenderedChangeContext): Promise<PromotionChange | undefined> {
  const trace = to.rendered;
  if (!trace) return undefined;
  const pointer = d.toPointer ?? d.fromPointer!;
  const name = trace.origin.name;
  const base: Omit<PromotionChange, 'file' | 'line'> = {
    id: `${to.key}#${pointer}`,
    label: `${to.id.kind} ${name}: ${d.path}`,
    from: d.from,
    to: d.to,
    suggested: isNewVersion(pointer, d.from, d.to),
  };
  const at = (s: ValueSource): Pick<PromotionChange, 'file' | 'line'> => ({ file: s.file, line: s.range.start.line });

  if (d.toPointer === undefined) {
    const parent = nearestSource(to, pointer);
    return { ...base, file: parent?.file ?? to.file, line: parent?.range.start.line ?? 0, blocked: `${ctx.target} does not set ${d.path}; add it to a patch of ${ctx.target}'s overlay` };
  }
  const source = trace.sourceOf(pointer);
  if (!source) return undefined;
  if (source.setBy === 'namespace' || source.setBy === 'labels' || source.setBy === 'annotations') return undefined;
  // A reference kustomize rewrote (a prefixed or hash-suffixed name): it follows the object it names.
  if (source.setBy === 'resource' && source.value !== undefined && source.value !== d.to) return undefined;
  if (d.from === undefined) {
    return { ...base, ...at(source), blocked: `only ${ctx.target} sets ${d.path} (${rel(ctx, source.file)}:${source.range.start.line + 1}); remove it there by hand if it should go` };
  }
  const readers = ctx.others.filter((o) => o.files.has(source.file));
  const blocked = (reason: string): PromotionChange => ({ ...base, ...at(source), blocked: reason });
  if (!source.written) return blocked(`${d.path} is computed by kustomize (${source.entry ?? source.setBy}); change what it is computed from`);
  if (typeof d.from === 'string' && d.from.includes('{{')) return blocked('the value is a template expression ({{ … }}); change it where the template gets its values');

  const value = writtenValue(source, d.from, pointer);
  if (value === undefined) return blocked(`${source.entry ?? source.setBy} cannot express ${JSON.stringify(d.from)}; edit it by hand`);
  let edited: Pick<PromotionChange, 'edit' | 'check'>;
  try {
    edited = editAt(await ctx.read(source.file), source.file, source.written, source, value);
  } catch (err) {
    if (err instanceof GitOpsError) return blocked(err.message);
    throw err;
  }
  if (readers.length === 0) return { ...base, ...at(source), ...edited };
  const shared = {
    file: source.file,
    readers: readers.map((o) => ({ environment: o.name, changes: rendersFrom(o.resources, to, pointer, source) })),
  };
  const names = readers.map((o) => o.name).join(', ');
  return { ...blocked(`${rel(ctx, source.file)} is also part of ${names}; promote it through an overlay of ${ctx.target} instead`), shared, ...edited };
}

/** True when another environment's rendering of the same object takes the value at `pointer` from the same line. */
function rendersFrom(resources: readonly ManifestResource[], to: ManifestResource, pointer: string, source: ValueSource): boolean {
  const origin = to.rendered!.origin;
  for (const r of resources) {
    const o = r.rendered?.origin;
    if (!o || o.file !== origin.file || o.range.start.line !== origin.range.start.line || r.id.kind !== to.id.kind) continue;
    const q = counterpartPointer(pointer, to.object, r.object, to.id.apiVersion, to.id.kind);
    const s = q === undefined ? undefined : r.rendered!.sourceOf(q);
    if (s && s.file === source.file && s.range.start.line === source.range.start.line) return true;
  }
  return false;
}

function rel(ctx: RenderedChangeContext, file: string): string {
  return path.relative(ctx.rootDir, file).split(path.sep).join('/');
}

/** Image tags and digests, version labels: the usual content of a promotion (another registry is not). */
function isNewVersion(pointer: string, from: unknown, to: unknown): boolean {
  if (/\/app\.kubernetes\.io~1version$/.test(pointer)) return true;
  if (!/\/(initContainers|containers|ephemeralContainers)\/\d+\/image$/.test(pointer) || typeof from !== 'string' || typeof to !== 'string') return false;
  const a = parseImage(from);
  const b = parseImage(to);
  return a.repo === b.repo && (a.tag !== b.tag || a.digest !== b.digest);
}

/** What the setting line must hold for the rendered value to become `rendered`: the tag of an image, `KEY=value` of a literal. */
function writtenValue(source: ValueSource, rendered: unknown, pointer: string): unknown {
  const w = source.written!;
  if (source.setBy === 'images' && w.in === 'kustomization' && typeof rendered === 'string') {
    const image = parseImage(rendered);
    const field = pointerSegments(w.pointer).pop();
    return field === 'newTag' ? image.tag : field === 'digest' ? image.digest : field === 'newName' ? image.repo : undefined;
  }
  if (source.setBy === 'generator' && w.in === 'kustomization') {
    const key = pointerSegments(pointer).pop()!;
    return typeof rendered === 'string' ? `${key}=${rendered}` : undefined;
  }
  return rendered;
}

function editAt(text: string, file: string, w: WrittenValue, source: ValueSource, value: unknown): { edit: TextEdit; check: ChangeCheck } {
  switch (w.in) {
    case 'document': {
      const doc = parseManifestText(text, file).resources.find((r) => r.docIndex === w.docIndex && r.fields.has(w.pointer));
      if (!doc) throw new GitOpsError('notEditable', `${path.basename(file)} no longer holds the value; refresh and try again`);
      const old = valueAt(doc.object, w.pointer);
      return { edit: fieldEdit(text, doc, w.pointer, old, value), check: { kind: 'field', resourceKey: doc.key, docIndex: doc.docIndex, pointer: w.pointer, value } };
    }
    case 'kustomization':
    case 'opsFile': {
      const doc = readYamlDocuments(text).documents[0];
      const loc = doc?.fields.get(w.pointer);
      if (!loc) throw new GitOpsError('notEditable', `${path.basename(file)} no longer holds the value; refresh and try again`);
      return { edit: scalarEdit(text, loc.valueRange, value), check: { kind: 'yamlValue', pointer: w.pointer, value } };
    }
    case 'inlinePatch': {
      if (!source.valueRange) throw new GitOpsError('notEditable', 'the inline patch is not a block (|) string; edit it by hand');
      return { edit: scalarEdit(text, source.valueRange, value), check: { kind: 'inlinePatchValue', patchPointer: w.patchPointer, docIndex: w.docIndex, pointer: w.pointer, value } };
    }
    case 'envFile': {
      const lines = text.split('\n');
      const line = lines[w.line] ?? '';
      const eq = line.indexOf('=');
      if (eq < 0) throw new GitOpsError('notEditable', `${path.basename(file)}:${w.line + 1} no longer sets ${w.key}; refresh and try again`);
      const start = offsetAt(text, { line: w.line, character: eq + 1 });
      const end = offsetAt(text, { line: w.line, character: line.replace(/\r$/, '').length });
      return { edit: { start, end, newText: String(value) }, check: { kind: 'envValue', key: w.key, value: String(value) } };
    }
  }
}

/** One scalar replaced in place, quoted as it was; collections and block scalars are refused. */
function scalarEdit(text: string, range: ValueSource['range'], value: unknown): TextEdit {
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  const old = text.slice(start, end);
  if (value !== null && typeof value === 'object') throw new GitOpsError('notEditable', 'the value is a collection; edit it by hand');
  if (/^[|>&*]/.test(old) || old.includes('\n')) throw new GitOpsError('notEditable', 'the value is not a one-line scalar; edit it by hand');
  return { start, end, newText: scalarText(old, value) };
}

function nearestSource(to: ManifestResource, pointer: string): ValueSource | undefined {
  const segments = pointerSegments(pointer);
  for (let n = segments.length - 1; n >= 0; n--) {
    const s = to.rendered?.sourceOf(pointerFromSegments(segments.slice(0, n)));
    if (s) return s;
  }
  return undefined;
}

/** The value a check finds in a kustomization entry, a JSON 6902 file, an inline patch or an env file after the edit. */
export function readWrittenValue(text: string, check: ChangeCheck): unknown {
  const at = valueAt;
  switch (check.kind) {
    case 'yamlValue': {
      const { documents, errors } = readYamlDocuments(text);
      return errors.length ? undefined : at(documents[0]?.value, check.pointer);
    }
    case 'inlinePatchValue': {
      const patch = at(readYamlDocuments(text).documents[0]?.value, check.patchPointer);
      return typeof patch === 'string' ? at(readYamlDocuments(patch).documents[check.docIndex]?.value, check.pointer) : undefined;
    }
    case 'envValue': {
      const line = text.split(/\r?\n/).find((l) => new RegExp(`^\\s*${check.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(l));
      return line?.slice(line.indexOf('=') + 1);
    }
    default:
      return undefined;
  }
}
