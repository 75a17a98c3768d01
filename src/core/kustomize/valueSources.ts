import { isDeepStrictEqual } from 'node:util';
import * as path from 'node:path';
import { keysForList } from '../drift/listMatching';
import { counterpartPointer } from '../drift/counterpartPointer';
import { parseImage } from '../manifests/imageReference';
import { pointerFromSegments, pointerSegments, valueAt } from '../text/jsonPointer';
import type { ManifestResource } from '../manifests/manifestResource';
import { isRecord } from '../manifests/resourceId';
import type { Range } from '../text/range';
import { keyRangeIn, listEntries, locationIn, stringField, type KustomizationModel } from './kustomizationModel';
import { kustomizationPatches, type PatchDocument, type PatchEntry } from './kustomizePatches';
import { matchesTarget, type SelectorSubject } from './targetSelector';
import type { RenderedTrace, RenderOrigin, SetBy, ValueSource, WrittenValue } from '../manifests/valueSource';

export type { RenderedTrace, RenderOrigin, SetBy, ValueSource, WrittenValue } from '../manifests/valueSource';

export interface TraceInput {
  /** The rendered object, build annotations stripped. */
  object: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  origin: RenderOrigin;
  /** The origin document, parsed, for a local resource. */
  originResource?: ManifestResource;
  /** For generated objects: the generator entry's pointer in the origin kustomization. */
  generatorPointer?: string;
  /** Kustomizations (and components) whose transformers ran on the object, innermost first. */
  layers: KustomizationModel[];
  texts: ReadonlyMap<string, string>;
}

interface Candidate extends ValueSource {
  /** The value it sets agrees with the rendered one (or cannot be compared). */
  consistent: boolean;
}

const patchesOf = new WeakMap<KustomizationModel, ReturnType<typeof kustomizationPatches>>();

/**
 * An object as kustomize rendered it, and the source of each of its values: the last patch
 * or transformer entry that sets it (outer overlays before inner ones, later transformers
 * before earlier, as kustomize applies them), else the line of the base resource. A
 * candidate whose value disagrees with the rendered one lost to something applied after
 * it and is passed over while one agrees; what it set is kept as `overrides`.
 */
export class RenderedResource implements RenderedTrace {
  private readonly memo = new Map<string, ValueSource | undefined>();
  private readonly namesAt: string[][];

  constructor(
    /** The kustomization that was rendered (the environment's overlay). */
    readonly overlay: string,
    readonly origin: RenderOrigin,
    private readonly input: TraceInput,
  ) {
    // Names at each layer: kustomize matches patch targets by the original or the current name.
    this.namesAt = [];
    let name = origin.name;
    for (const k of input.layers) {
      this.namesAt.push(name === origin.name ? [name] : [origin.name, name]);
      name = `${stringField(k, 'namePrefix') ?? ''}${name}${stringField(k, 'nameSuffix') ?? ''}`;
    }
  }

  /** Kustomization files whose transformers ran on the object, innermost first. */
  get layers(): string[] {
    return this.input.layers.map((k) => k.file);
  }

  /** Where the rendered value at `pointer` is set; undefined when the rendered object has no such field. */
  sourceOf(pointer: string): ValueSource | undefined {
    if (this.memo.has(pointer)) return this.memo.get(pointer);
    const result = this.compute(pointer);
    this.memo.set(pointer, result);
    return result;
  }

  private compute(pointer: string): ValueSource | undefined {
    const segments = pointerSegments(pointer);
    const value = valueAt(this.input.object, pointerFromSegments(segments));
    if (value === undefined && segments.length) return undefined;
    for (let n = segments.length; n >= 0; n--) {
      const at = segments.slice(0, n);
      const candidates = this.candidates(at, n === segments.length ? value : valueAt(this.input.object, pointerFromSegments(at)));
      if (candidates.length === 0) continue;
      const chosen = Math.max(0, candidates.findIndex((c) => c.consistent));
      const secret = this.input.kind === 'Secret' && (segments[0] === 'data' || segments[0] === 'stringData');
      const ancestor = n < segments.length;
      const chain = candidates.slice(chosen).map(({ consistent: _, value, written, valueRange, ...c }): ValueSource => ({
        ...c,
        // Secret values are never carried into what surfaces display.
        ...(value !== undefined && !secret ? { value } : {}),
        // An ancestor's value and place are not the field's own: nothing to edit there.
        ...(ancestor ? { ancestor: true } : { ...(valueRange ? { valueRange } : {}), ...(written ? { written } : {}) }),
      }));
      for (let i = chain.length - 2; i >= 0; i--) chain[i] = { ...chain[i], overrides: chain[i + 1] };
      return chain[0];
    }
    return { file: this.origin.file, range: this.origin.range, setBy: this.origin.kind === 'generator' ? 'generator' : this.origin.kind, ancestor: true };
  }

  /** Everything that sets the value at `segments`, outermost first, the origin last. */
  private candidates(segments: string[], rendered: unknown): Candidate[] {
    const out: Candidate[] = [];
    const { layers } = this.input;
    for (let i = layers.length - 1; i >= 0; i--) out.push(...this.layerCandidates(layers[i], i, segments, rendered));
    out.push(...this.originCandidates(segments, rendered));
    return out;
  }

  /** One kustomization's claims, its last-applied transformer first (kustomize: patches, namespace, labels, annotations, JSON 6902, replicas, images). */
  private layerCandidates(k: KustomizationModel, layer: number, segments: string[], rendered: unknown): Candidate[] {
    const out: Candidate[] = [];
    const pointer = pointerFromSegments(segments);
    const at = (p: string, setBy: SetBy, entry: string, value: unknown, consistent: boolean): Candidate => ({
      file: k.file,
      range: keyRangeIn(k, p),
      setBy,
      entry,
      ...(value !== undefined ? { value } : {}),
      ...(k.fields.has(p) ? { valueRange: locationIn(k, p).valueRange } : {}),
      // Names, namespaces and labels are an environment's identity: set, but not promoted.
      ...(setBy === 'images' || setBy === 'replicas' ? { written: { in: 'kustomization' as const, pointer: p } } : {}),
      consistent,
    });
    const patches = patchesOf.get(k) ?? kustomizationPatches(k, this.input.texts);
    patchesOf.set(k, patches);

    // images
    if (isImagePointer(pointer) && typeof rendered === 'string') {
      const image = parseImage(rendered);
      for (const e of [...listEntries(k, 'images')].reverse()) {
        if (!isRecord(e.value) || typeof e.value.name !== 'string') continue;
        const { name, newName, newTag, digest } = e.value;
        const repo = typeof newName === 'string' && newName ? newName : name;
        if (image.repo !== repo && image.repo !== name) continue;
        const field = digest !== undefined ? 'digest' : newTag !== undefined ? 'newTag' : newName !== undefined ? 'newName' : 'name';
        const written = field === 'name' ? name : String(e.value[field]);
        const consistent = image.repo === repo && (field !== 'digest' || image.digest === written) && (field !== 'newTag' || image.tag === written);
        out.push(at(`${e.pointer}/${field}`, 'images', `images[${name}].${field}`, written, consistent));
      }
    }
    // replicas
    if (pointer === '/spec/replicas') {
      for (const e of [...listEntries(k, 'replicas')].reverse()) {
        if (!isRecord(e.value) || !this.namesAt[layer].includes(String(e.value.name))) continue;
        out.push(at(`${e.pointer}/count`, 'replicas', `replicas[${String(e.value.name)}].count`, e.value.count, e.value.count === rendered));
      }
    }
    // JSON 6902 patches (applied after the label and name transformers)
    for (const p of [...patches.json6902].reverse()) out.push(...this.opsCandidates(p, layer, segments, rendered));
    // annotations
    const key = segments[segments.length - 1];
    if (segments.length >= 2 && segments[segments.length - 2] === 'annotations' && isRecord(k.value.commonAnnotations) && key in k.value.commonAnnotations) {
      const v = k.value.commonAnnotations[key];
      out.push(at(`/commonAnnotations/${escape(key)}`, 'annotations', `commonAnnotations.${key}`, v, String(v) === String(rendered)));
    }
    // labels
    const labelSpot = labelLocation(segments);
    if (labelSpot) {
      for (const e of [...listEntries(k, 'labels')].reverse()) {
        if (!isRecord(e.value) || !isRecord(e.value.pairs) || !(key in e.value.pairs)) continue;
        const selectors = e.value.includeSelectors === true;
        if (labelSpot === 'selector' && !selectors) continue;
        if (labelSpot === 'template' && !selectors && e.value.includeTemplates !== true) continue;
        const v = e.value.pairs[key];
        out.push(at(`${e.pointer}/pairs/${escape(key)}`, 'labels', `labels[${e.index}].${key}`, v, String(v) === String(rendered)));
      }
      if (isRecord(k.value.commonLabels) && key in k.value.commonLabels) {
        const v = k.value.commonLabels[key];
        out.push(at(`/commonLabels/${escape(key)}`, 'labels', `commonLabels.${key}`, v, String(v) === String(rendered)));
      }
    }
    // namespace
    const ns = stringField(k, 'namespace');
    if (ns && (pointer === '/metadata/namespace' || /^\/subjects\/\d+\/namespace$/.test(pointer))) {
      out.push(at('/namespace', 'namespace', 'namespace', ns, ns === rendered));
    }
    // strategic-merge patches, the last listed first
    for (const p of [...patches.early].reverse()) {
      if (p.ops) out.push(...this.opsCandidates(p, layer, segments, rendered));
      else out.push(...this.mergeCandidates(p, layer, segments, rendered));
    }
    return out;
  }

  private subject(layer: number): SelectorSubject {
    const o = this.input.object;
    const meta = isRecord(o.metadata) ? o.metadata : {};
    const namespaces = [typeof meta.namespace === 'string' ? meta.namespace : '', ...this.input.layers.slice(0, layer).map((k) => stringField(k, 'namespace') ?? '')];
    return {
      apiVersion: this.input.apiVersion,
      kind: this.input.kind,
      names: this.namesAt[layer],
      namespaces,
      labels: isRecord(meta.labels) ? meta.labels : {},
      annotations: isRecord(meta.annotations) ? meta.annotations : {},
    };
  }

  private mergeCandidates(p: PatchEntry, layer: number, segments: string[], rendered: unknown): Candidate[] {
    // Identity fields of a strategic-merge patch select the object; they set nothing.
    if (isIdentityPointer(segments)) return [];
    const out: Candidate[] = [];
    const subject = this.subject(layer);
    for (const doc of [...p.documents].reverse()) {
      const v = doc.value as Record<string, unknown>;
      if (p.target ? !matchesTarget(p.target, subject) : !selectsByIdentity(v, subject)) continue;
      const q = counterpartPointer(pointerFromSegments(segments), this.input.object, v, this.input.apiVersion, this.input.kind);
      if (q === undefined || this.isMergeKey(segments)) continue;
      const written = valueAt(v, q);
      out.push(this.docCandidate(doc, q, 'patch', p.label, written, agrees(written, rendered), p));
    }
    return out;
  }

  /** `containers[name=web].name` in a patch names the item it merges into; it sets nothing. */
  private isMergeKey(segments: string[]): boolean {
    const n = segments.length;
    if (n < 3 || !/^\d+$/.test(segments[n - 2])) return false;
    const list = valueAt(this.input.object, pointerFromSegments(segments.slice(0, n - 2)));
    if (!Array.isArray(list)) return false;
    return keysForList(this.input.apiVersion, this.input.kind, segments.slice(0, n - 2), list, list)?.includes(segments[n - 1]) ?? false;
  }

  private opsCandidates(p: PatchEntry, layer: number, segments: string[], rendered: unknown): Candidate[] {
    if (!p.ops || !Array.isArray(p.ops.value) || (p.target && !matchesTarget(p.target, this.subject(layer)))) return [];
    if (!p.target) return [];
    const out: Candidate[] = [];
    const ops = p.ops.value;
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i];
      if (!isRecord(op) || typeof op.path !== 'string') continue;
      const rest = opRemainder(pointerSegments(op.path), segments, this.input.object);
      if (rest === undefined) continue;
      if (op.op === 'add' || op.op === 'replace' || op.op === 'test') {
        const written = valueAt(op.value, pointerFromSegments(rest));
        if (written === undefined) continue;
        out.push(this.docCandidate(p.ops, `/${i}/value${pointerFromSegments(rest)}`, 'patch', `${p.label} op ${i}`, written, agrees(written, rendered), p));
      } else if ((op.op === 'copy' || op.op === 'move') && rest.length === 0) {
        out.push(this.docCandidate(p.ops, `/${i}`, 'patch', `${p.label} op ${i}`, undefined, true, p));
      }
    }
    return out;
  }

  private docCandidate(doc: PatchDocument, pointer: string, setBy: SetBy, entry: string, value: unknown, consistent: boolean, p: PatchEntry): Candidate {
    let q = pointer;
    let loc = doc.fields.get(q);
    while (!loc && q !== '') {
      q = q.slice(0, q.lastIndexOf('/'));
      loc = doc.fields.get(q);
    }
    const range = loc ? doc.map(loc.keyRange) : keyRangeIn(p.kustomization, p.pointer);
    const exact = loc !== undefined && q === pointer;
    const written: WrittenValue | undefined = !exact
      ? undefined
      : doc.inline
        ? { in: 'inlinePatch', patchPointer: doc.inline, docIndex: doc.docIndex, pointer }
        : p.ops === doc
          ? { in: 'opsFile', pointer }
          : { in: 'document', docIndex: doc.docIndex, pointer };
    return {
      file: doc.file,
      range,
      setBy,
      entry,
      ...(value !== undefined ? { value } : {}),
      ...(exact && loc ? { valueRange: doc.map(loc.valueRange), written } : {}),
      consistent,
    };
  }

  private originCandidates(segments: string[], rendered: unknown): Candidate[] {
    const { origin, originResource } = this.input;
    if (origin.kind === 'generator') return this.generatorCandidates(segments, rendered);
    if (!originResource) return [];
    const q = originPointer(pointerFromSegments(segments), this.input.object, originResource.object, this.input.apiVersion, this.input.kind);
    if (q === undefined) return [];
    const loc = originResource.fields.get(q);
    const written = valueAt(originResource.object, q);
    const range = q === '' ? originResource.range : (loc?.keyRange ?? originResource.range);
    return [
      {
        file: originResource.file,
        range,
        setBy: 'resource',
        ...(written !== undefined && !isRecord(written) && !Array.isArray(written) ? { value: written } : {}),
        ...(loc ? { valueRange: loc.valueRange, written: { in: 'document' as const, docIndex: originResource.docIndex, pointer: q } } : {}),
        consistent: agrees(written, rendered),
      },
    ];
  }

  /** A generated ConfigMap/Secret: its keys come from the generator entries of that name, outer overlays (behavior: merge/replace) first. */
  private generatorCandidates(segments: string[], rendered: unknown): Candidate[] {
    const field = this.input.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
    const out: Candidate[] = [];
    const pointer = pointerFromSegments(segments);
    const dataKey = segments.length === 2 && (segments[0] === 'data' || segments[0] === 'binaryData') ? segments[1] : undefined;
    const decoded = typeof rendered === 'string' && this.input.kind === 'Secret' && segments[0] === 'data' ? Buffer.from(rendered, 'base64').toString('utf8') : rendered;
    for (const k of [...this.input.layers].reverse()) {
      for (const e of listEntries(k, field)) {
        if (!isRecord(e.value) || e.value.name !== this.origin.name) continue;
        const isOrigin = k.file === this.origin.file && e.pointer === this.input.generatorPointer;
        const behavior = typeof e.value.behavior === 'string' ? e.value.behavior : 'create';
        if (!isOrigin && behavior !== 'merge' && behavior !== 'replace') continue;
        const label = `${field}[${this.origin.name}]`;
        if (isOrigin && pointer === '/metadata/name') {
          out.push({ file: k.file, range: keyRangeIn(k, `${e.pointer}/name`), setBy: 'generator', entry: label, value: this.origin.name, consistent: true });
        }
        if (dataKey !== undefined) {
          const found = generatorKey(k, e.pointer, e.value, dataKey, this.input.texts);
          if (found) out.push({ ...found, setBy: 'generator', entry: `${label}.${found.entry}`, consistent: found.value === undefined || found.value === decoded });
        }
        // replace drops what inner generators set; the origin is the first word.
        if (behavior === 'replace' || isOrigin) return out;
      }
    }
    return out;
  }
}

/** The literal, env-file line or file entry of a generator that provides `key`. */
function generatorKey(
  k: KustomizationModel,
  pointer: string,
  entry: Record<string, unknown>,
  key: string,
  texts: ReadonlyMap<string, string>,
): { file: string; range: Range; entry: string; value?: unknown; valueRange?: Range; written?: WrittenValue } | undefined {
  const literals = Array.isArray(entry.literals) ? entry.literals : [];
  for (let i = literals.length - 1; i >= 0; i--) {
    const lit = literals[i];
    if (typeof lit !== 'string') continue;
    const eq = lit.indexOf('=');
    if (eq < 0 || lit.slice(0, eq).trim() !== key) continue;
    const at = `${pointer}/literals/${i}`;
    const loc = locationIn(k, at);
    return { file: k.file, range: loc.keyRange, valueRange: loc.valueRange, written: { in: 'kustomization', pointer: at }, entry: `literals[${i}]`, value: unquote(lit.slice(eq + 1)) };
  }
  const files = Array.isArray(entry.files) ? entry.files : [];
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i];
    if (typeof f !== 'string') continue;
    const eq = f.indexOf('=');
    const name = eq < 0 ? path.basename(f) : f.slice(0, eq);
    if (name !== key) continue;
    return { file: k.file, range: locationIn(k, `${pointer}/files/${i}`).keyRange, entry: `files[${i}]`, value: texts.get(path.resolve(k.dir, eq < 0 ? f : f.slice(eq + 1))) };
  }
  const envs = [...(Array.isArray(entry.envs) ? entry.envs : []), ...(typeof entry.env === 'string' ? [entry.env] : [])];
  for (const env of [...envs].reverse()) {
    if (typeof env !== 'string') continue;
    const file = path.resolve(k.dir, env);
    const text = texts.get(file);
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/);
    for (let line = lines.length - 1; line >= 0; line--) {
      const m = /^\s*([^#=\s][^=]*?)\s*=(.*)$/.exec(lines[line]);
      if (!m || m[1] !== key) continue;
      const range = { start: { line, character: 0 }, end: { line, character: lines[line].length } };
      return { file, range, valueRange: range, written: { in: 'envFile', key, line }, entry: `envs[${path.basename(env)}]`, value: m[2] };
    }
  }
  return undefined;
}

/** kustomize drops one pair of quotes around a literal's value. */
function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) && value.length >= 2 ? value.slice(1, -1) : value;
}

/**
 * The pointer of a rendered field in the origin document: keyed list items by merge key, or,
 * when a patch changed the key itself (a port renumbered), by position.
 */
export function originPointer(pointer: string, rendered: unknown, origin: unknown, apiVersion: string, kind: string): string | undefined {
  const q = counterpartPointer(pointer, rendered, origin, apiVersion, kind);
  if (q !== undefined) return q;
  return valueAt(origin, pointer) !== undefined ? pointer : undefined;
}


function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isImagePointer(pointer: string): boolean {
  return /\/(initContainers|containers|ephemeralContainers)\/\d+\/image$/.test(pointer);
}

/** Labels in object metadata, in pod templates, or in selectors: where label transformers write. */
function labelLocation(segments: string[]): 'metadata' | 'template' | 'selector' | undefined {
  const n = segments.length;
  if (n < 2) return undefined;
  const parent = segments[n - 2];
  if (n === 3 && segments[0] === 'metadata' && parent === 'labels') return 'metadata';
  if (parent === 'labels' && segments[n - 3] === 'metadata') return 'template';
  if (parent === 'matchLabels' || (parent === 'selector' && n === 3 && segments[0] === 'spec')) return 'selector';
  return undefined;
}

function isIdentityPointer(segments: string[]): boolean {
  const p = segments.join('/');
  return p === 'apiVersion' || p === 'kind' || p === 'metadata' || p === 'metadata/name' || p === 'metadata/namespace' || p === '';
}

/** A strategic-merge patch without target applies to the object of its own kind and name. */
function selectsByIdentity(patch: Record<string, unknown>, s: SelectorSubject): boolean {
  const meta = isRecord(patch.metadata) ? patch.metadata : {};
  if (patch.kind !== s.kind || typeof meta.name !== 'string' || !s.names.includes(meta.name)) return false;
  const group = (v: unknown): string => (typeof v === 'string' && v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '');
  return patch.apiVersion === undefined || group(patch.apiVersion) === group(s.apiVersion);
}

/**
 * The segments of `target` below a JSON 6902 op's path, when the op writes `target` or one of
 * its ancestors; `-` (append) is the last item of the rendered list.
 */
function opRemainder(opPath: string[], target: string[], object: unknown): string[] | undefined {
  if (opPath.length > target.length) return undefined;
  for (let i = 0; i < opPath.length; i++) {
    if (opPath[i] === target[i]) continue;
    if (opPath[i] !== '-') return undefined;
    const list = valueAt(object, pointerFromSegments(target.slice(0, i)));
    if (!Array.isArray(list) || Number(target[i]) !== list.length - 1) return undefined;
  }
  return target.slice(opPath.length);
}

/** Scalars and scalar lists must be equal; a map is set wherever it is written (its leaves may come from elsewhere). */
function agrees(written: unknown, rendered: unknown): boolean {
  if (written === undefined) return false;
  if (isRecord(written)) return isRecord(rendered);
  if (Array.isArray(written) && written.some((w) => isRecord(w) || Array.isArray(w))) return Array.isArray(rendered);
  return isDeepStrictEqual(written, rendered) || (typeof written !== 'object' && typeof rendered !== 'object' && String(written) === String(rendered));
}
