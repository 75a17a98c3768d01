import * as path from 'node:path';
import { LazyFieldMap } from '../manifests/lazyFieldMap';
import type { ManifestError, ManifestResource } from '../manifests/manifestResource';
import type { FieldLocation } from '../yaml/yamlPositions';
import { parseManifestText } from '../manifests/parseManifestText';
import { apiGroup, isRecord, resourceIdOf, resourceKey, type ResourceId } from '../manifests/resourceId';
import { ZERO_RANGE } from '../text/range';
import { listEntries, locationIn, stringField, type KustomizationModel } from './kustomizationModel';
import type { KustomizeTree } from './kustomizeTree';
import { originPointer, RenderedResource, type RenderOrigin } from './valueSources';
import { readYamlDocuments } from './yamlDocuments';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/**
 * kustomize's output (with origin and transformer annotations) as desired resources: each
 * object without the build annotations, placed at its origin (the base document, or the
 * generator entry) with the positions of that origin, and traced (ManifestResource.rendered).
 */
export function renderedResources(
  yaml: string,
  tree: KustomizeTree,
  wrapperDir: string,
  /** Maps a path kustomize read (a copy of a Git tree) back to the working-tree path it stands for. */
  toSource: (file: string) => string = (f) => f,
): { resources: ManifestResource[]; errors: ManifestError[]; unresolved: string[] } {
  const parsed = parseManifestText(yaml, tree.root.file);
  const resources: ManifestResource[] = [];
  const errors: ManifestError[] = parsed.errors.filter((e) => e.severity === 'error').map((e) => ({ ...e, range: undefined, message: `kustomize output: ${e.message}` }));
  const unresolved: string[] = [];
  const originDocs = new Map<string, ManifestResource[]>();
  const docsOf = (file: string): ManifestResource[] => {
    let docs = originDocs.get(file);
    if (!docs) {
      const text = tree.texts.get(file);
      docs = text === undefined ? [] : parseManifestText(text, file).resources;
      originDocs.set(file, docs);
    }
    return docs;
  };
  let fromTree: StaticOrigins | undefined;

  for (const r of parsed.resources) {
    const object = r.object as Record<string, unknown>;
    const annotations = takeBuildAnnotations(object, wrapperDir, toSource);
    const id = resourceIdOf(object) ?? r.id;
    let located: Located | undefined;
    if (annotations.origin) located = fromAnnotations(annotations, id, tree, docsOf);
    else {
      fromTree ??= new StaticOrigins(tree, docsOf);
      located = fromTree.find(id);
    }
    if (!located) {
      unresolved.push(resourceKey(id));
      continue;
    }
    const { origin, originResource, generatorPointer, layers } = located;
    const trace = new RenderedResource(tree.root.file, origin, {
      object,
      apiVersion: id.apiVersion,
      kind: id.kind,
      origin,
      ...(originResource ? { originResource } : {}),
      ...(generatorPointer ? { generatorPointer } : {}),
      layers,
      texts: tree.texts,
    });
    resources.push({
      id,
      key: resourceKey(id),
      file: origin.file,
      docIndex: originResource?.docIndex ?? 0,
      range: origin.range,
      object,
      // Computed on first use: drift asks only for drifted fields, the editor only for open files.
      fields: new LazyFieldMap(() => originFields(object, id.apiVersion, id.kind, originResource, trace)),
      rendered: trace,
    });
  }
  return { resources, errors, unresolved };
}

/** Where one rendered object came from, and the layers it went through (innermost first). */
interface Located {
  origin: RenderOrigin;
  originResource?: ManifestResource;
  generatorPointer?: string;
  layers: KustomizationModel[];
}

/** From kustomize's origin and transformer annotations. */
function fromAnnotations(
  { origin, transformations }: ReturnType<typeof takeBuildAnnotations>,
  id: ResourceId,
  tree: KustomizeTree,
  docsOf: (file: string) => ManifestResource[],
): Located {
  if (origin?.repo) {
    const repo = origin.repo.replace(/^https?:\/\//, '').replace(/\.git$/, '');
    const remote = tree.remote.find((e) => e.entry.includes(repo)) ?? tree.remote[0];
    const renderOrigin: RenderOrigin = { kind: 'remote', file: remote?.kustomization ?? tree.root.file, range: remote?.range ?? ZERO_RANGE, name: id.name, repo: origin.repo, ...(origin.ref ? { ref: origin.ref } : {}) };
    return { origin: renderOrigin, layers: remote ? pickChain(chainsFor(tree, remote.kustomization), transformations) : [tree.root] };
  }
  if (origin?.configuredIn && /Generator$/.test(origin.configuredBy ?? '')) {
    const k = tree.kustomizations.get(origin.configuredIn);
    const entry = k && generatorEntry(k, id.kind, id.name);
    return {
      origin: { kind: 'generator', file: origin.configuredIn, range: entry && k ? locationIn(k, entry.pointer).keyRange : ZERO_RANGE, name: entry?.name ?? id.name },
      ...(entry ? { generatorPointer: entry.pointer } : {}),
      layers: pickChain(chainsFor(tree, origin.configuredIn), transformations),
    };
  }
  if (origin?.path) {
    const layers = pickChain(chainsFor(tree, origin.path), transformations);
    const doc = pickOriginDocument(docsOf(origin.path), id.apiVersion, id.kind, id.name, layers);
    return { origin: { kind: 'resource', file: origin.path, range: doc?.range ?? ZERO_RANGE, name: doc?.id.name ?? id.name }, ...(doc ? { originResource: doc } : {}), layers };
  }
  return { origin: { kind: 'resource', file: tree.root.file, range: ZERO_RANGE, name: id.name }, layers: [tree.root] };
}

/**
 * Origins read off the kustomization tree, without kustomize's annotations (which more than
 * double its work): each base document and generator, renamed through every chain of layers
 * that reaches it (prefixes, suffixes, a generator's hash), indexed by the name it renders to.
 * An object that matches no candidate, or several, is unresolved: the caller renders again
 * with annotations then.
 */
class StaticOrigins {
  private readonly byName = new Map<string, Array<{ namespace: string | undefined; located: Located }>>();

  constructor(
    private readonly tree: KustomizeTree,
    docsOf: (file: string) => ManifestResource[],
  ) {
    for (const [file, links] of tree.parents) {
      if (tree.kustomizations.has(file) || links.length === 0) continue;
      for (const doc of docsOf(file)) {
        for (const layers of chainsFor(tree, file)) {
          this.add(doc.id.apiVersion, doc.id.kind, rename(doc.id.name, layers), namespaceAfter(doc.id.namespace, layers), {
            origin: { kind: 'resource', file, range: doc.range, name: doc.id.name },
            originResource: doc,
            layers,
          });
        }
      }
    }
    for (const k of tree.kustomizations.values()) {
      for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
        for (const e of listEntries(k, field)) {
          if (!isRecord(e.value) || typeof e.value.name !== 'string' || (e.value.behavior !== undefined && e.value.behavior !== 'create')) continue;
          const ns = typeof e.value.namespace === 'string' ? e.value.namespace : undefined;
          for (const layers of chainsFor(tree, k.file)) {
            this.add('v1', field === 'secretGenerator' ? 'Secret' : 'ConfigMap', rename(e.value.name, layers), namespaceAfter(ns, layers), {
              origin: { kind: 'generator', file: k.file, range: locationIn(k, e.pointer).keyRange, name: e.value.name },
              generatorPointer: e.pointer,
              layers,
            });
          }
        }
      }
    }
  }

  find(id: ResourceId): Located | undefined {
    const exact = this.byName.get(key(id.apiVersion, id.kind, id.name)) ?? [];
    // Generated names end in a hash of the content: `settings-5mbb6tgdk6`.
    const hashed = /^(.*)-[a-z0-9]{10}$/.exec(id.name);
    const generated = hashed ? (this.byName.get(key(id.apiVersion, id.kind, hashed[1])) ?? []).filter((l) => l.located.origin.kind === 'generator') : [];
    const all = [...exact, ...generated];
    // The namespace the layers give it; kustomize sets none on cluster-scoped kinds.
    let fits = all.filter((c) => c.namespace === id.namespace);
    if (fits.length === 0 && id.namespace === undefined) fits = all;
    return fits.length === 1 ? fits[0].located : undefined;
  }

  private add(apiVersion: string, kind: string, name: string, namespace: string | undefined, located: Located): void {
    const k = key(apiVersion, kind, name);
    this.byName.set(k, [...(this.byName.get(k) ?? []), { namespace, located }]);
  }
}

function key(apiVersion: string, kind: string, name: string): string {
  return `${apiGroup(apiVersion)}/${kind}/${name}`;
}

/** The name after each layer's prefix and suffix, innermost first. */
function rename(name: string, layers: KustomizationModel[]): string {
  return layers.reduce((n, k) => `${stringField(k, 'namePrefix') ?? ''}${n}${stringField(k, 'nameSuffix') ?? ''}`, name);
}

/** The outermost layer's `namespace:` wins, else the document's own. */
function namespaceAfter(namespace: string | undefined, layers: KustomizationModel[]): string | undefined {
  return layers.reduce((ns, k) => stringField(k, 'namespace') ?? ns, namespace);
}

/** Reads and removes the two build annotations (and `metadata.annotations` when nothing else is left in it). */
export function takeBuildAnnotations(
  object: Record<string, unknown>,
  wrapperDir: string,
  toSource: (file: string) => string = (f) => f,
): { origin?: { path?: string; repo?: string; ref?: string; configuredIn?: string; configuredBy?: string }; transformations: string[] } {
  const meta = isRecord(object.metadata) ? object.metadata : undefined;
  const annotations = meta && isRecord(meta.annotations) ? meta.annotations : undefined;
  if (!annotations) return { transformations: [] };
  const originText = annotations[ORIGIN_ANNOTATION];
  const transformationsText = annotations[TRANSFORMATIONS_ANNOTATION];
  delete annotations[ORIGIN_ANNOTATION];
  delete annotations[TRANSFORMATIONS_ANNOTATION];
  if (meta && Object.keys(annotations).length === 0) delete meta.annotations;

  const resolve = (p: unknown): string | undefined => (typeof p === 'string' && p !== '' ? toSource(path.resolve(wrapperDir, p)) : undefined);
  let origin: ReturnType<typeof takeBuildAnnotations>['origin'];
  const o = typeof originText === 'string' ? readYamlDocuments(originText).documents[0]?.value : undefined;
  if (isRecord(o)) {
    const by = isRecord(o.configuredBy) ? o.configuredBy : {};
    const repo = typeof o.repo === 'string' && o.repo ? o.repo : undefined;
    origin = {
      ...(repo ? { repo, ...(typeof o.ref === 'string' && o.ref ? { ref: o.ref } : {}) } : { path: resolve(o.path) }),
      configuredIn: repo ? undefined : resolve(o.configuredIn),
      configuredBy: typeof by.kind === 'string' ? by.kind : undefined,
    };
  }
  const t = typeof transformationsText === 'string' ? readYamlDocuments(transformationsText).documents[0]?.value : undefined;
  const transformations: string[] = [];
  if (Array.isArray(t)) {
    for (const step of t) {
      const file = isRecord(step) ? resolve(step.configuredIn) : undefined;
      if (file && transformations[transformations.length - 1] !== file) transformations.push(file);
    }
  }
  return { origin, transformations };
}

/** The generator entry (by kind, then by the longest name the rendered name contains) that produced an object. */
function generatorEntry(k: KustomizationModel, kind: string, renderedName: string): { pointer: string; name: string } | undefined {
  const field = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
  let best: { pointer: string; name: string } | undefined;
  for (const e of listEntries(k, field)) {
    if (!isRecord(e.value) || typeof e.value.name !== 'string' || !renderedName.includes(e.value.name)) continue;
    if (!best || e.value.name.length > best.name.length) best = { pointer: e.pointer, name: e.value.name };
  }
  return best;
}

/**
 * The kustomizations (and components) whose transformers apply to what `start` (a resource
 * file, or the kustomization of a generator) contributes, innermost first, for each way the
 * overlay reaches it. A kustomization's components apply after its resources, before itself.
 */
export function chainsFor(tree: KustomizeTree, start: string): KustomizationModel[][] {
  const componentsOf = (k: KustomizationModel): KustomizationModel[] =>
    listEntries(k, 'components').flatMap((e) => {
      const file = typeof e.value === 'string' ? tree.byDir.get(path.resolve(k.dir, e.value)) : undefined;
      const c = file ? tree.kustomizations.get(file) : undefined;
      return c ? [c] : [];
    });
  const expand = (k: KustomizationModel, depth: number): KustomizationModel[] => (depth > 20 ? [k] : [...componentsOf(k).flatMap((c) => expand(c, depth + 1)), k]);
  const up = (file: string, depth: number): KustomizationModel[][] => {
    const links = tree.parents.get(file) ?? [];
    if (links.length === 0 || depth > 20) return [[]];
    return links.flatMap((l) => {
      const parent = tree.kustomizations.get(l.parent);
      if (!parent) return [];
      const comps = componentsOf(parent);
      // Resources of a parent go through all its components; a component's own, through those listed after it.
      const applied = l.via === 'components' ? comps.slice(comps.findIndex((c) => c.file === file) + 1) : comps;
      const between = applied.flatMap((c) => expand(c, depth + 1));
      return up(parent.file, depth + 1).map((rest) => [...between, parent, ...rest]);
    });
  };
  const own = tree.kustomizations.get(start);
  if (own) return up(own.file, 0).map((rest) => [...expand(own, 0), ...rest]);
  // A resource file: the kustomization listing it transforms it, with that kustomization's components first.
  const links = tree.parents.get(start) ?? [];
  return links.flatMap((l) => {
    const k = tree.kustomizations.get(l.parent);
    return k ? up(k.file, 0).map((rest) => [...expand(k, 0), ...rest]) : [];
  });
}

/** The chain that holds the kustomizations the transformer annotation names, in their order. */
function pickChain(chains: KustomizationModel[][], transformations: string[]): KustomizationModel[] {
  const fits = (chain: KustomizationModel[]): boolean => {
    let i = 0;
    for (const k of chain) if (k.file === transformations[i]) i++;
    return i === transformations.length;
  };
  return chains.find(fits) ?? chains[0] ?? [];
}

/** The document of the origin file the object was read from: same kind, and the name the layers' prefixes and suffixes turn into the rendered one. */
function pickOriginDocument(docs: ManifestResource[], apiVersion: string, kind: string, renderedName: string, layers: KustomizationModel[]): ManifestResource | undefined {
  const sameKind = docs.filter((d) => d.id.kind === kind && apiGroup(d.id.apiVersion) === apiGroup(apiVersion));
  return (
    sameKind.find((d) => rename(d.id.name, layers) === renderedName) ??
    sameKind.find((d) => d.id.name === renderedName) ??
    (sameKind.length === 1 ? sameKind[0] : undefined) ??
    sameKind.filter((d) => renderedName.includes(d.id.name)).sort((a, b) => b.id.name.length - a.id.name.length)[0]
  );
}

/**
 * Rendered pointer → location in the origin file (`ManifestResource.fields` semantics): the
 * base document's lines, list items followed by merge key; for generated objects the
 * generator's lines in its kustomization.
 */
function originFields(object: unknown, apiVersion: string, kind: string, origin: ManifestResource | undefined, trace: RenderedResource): Map<string, FieldLocation> {
  const fields = new Map<string, FieldLocation>();
  if (origin) {
    for (const [q, loc] of origin.fields) {
      const p = originPointer(q, origin.object, object, apiVersion, kind);
      if (p !== undefined) fields.set(p, loc);
    }
    return fields;
  }
  if (trace.origin.kind !== 'generator' || !isRecord(object)) return fields;
  const pointers = ['/metadata/name', ...['data', 'binaryData'].flatMap((f) => (isRecord(object[f]) ? Object.keys(object[f] as object).map((k) => `/${f}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`) : []))];
  for (const p of pointers) {
    const s = trace.sourceOf(p);
    if (s && s.file === trace.origin.file && !s.ancestor) fields.set(p, { keyRange: s.range, valueRange: s.range });
  }
  return fields;
}

