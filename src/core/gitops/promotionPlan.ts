import * as path from 'node:path';
import { FILE_LIMITS } from '../files/readBounded';
import type { EnvironmentConfig, YouOpsConfig } from '../config/types';
import { compareEnvironments, type FieldDifference, type ResourceComparison } from '../environments/compareEnvironments';
import { counterpartPointer } from '../drift/counterpartPointer';
import { pointerFromSegments, pointerSegments, valueAt } from '../text/jsonPointer';
import { findKustomization } from '../manifests/kustomization';
import { loadManifests } from '../manifests/loadManifests';
import { workingTreeFileSystem, type ManifestFileSystem } from '../manifests/manifestFileSystem';
import type { ManifestResource } from '../manifests/manifestResource';
import { GitOpsError } from './gitOpsError';
import { renderedFieldChange, type RenderedChangeContext } from './renderedChange';
import { loadRenderedManifests, type RenderContext } from '../kustomize/renderDesiredState';
import { fieldEdit } from './fieldEdit';
import { IMAGE_FIELDS, kustomizeImageEdit, readKustomizeImages, type ImageField, type KustomizeImage } from './kustomizeImages';
import { parseImage } from '../manifests/imageReference';
import { newResourceChange, type NewFilesFolder } from './newResource';
import type { ChangeCheck, FileEdit, PromotionChange, PromotionPlan } from './promotionChange';

export type { ChangeCheck, FileEdit, PromotionChange, PromotionPlan } from './promotionChange';

export interface PlanPromotionOptions {
  config: YouOpsConfig;
  /** Folder the config's paths are relative to (a worktree's copy of it for real runs). */
  rootDir: string;
  to: string;
  /** Default: the target's promotesFrom. */
  from?: string;
  /** `kind/name` (kind case-insensitive): only this resource and the kustomize images it uses. */
  resource?: string;
  fsys?: ManifestFileSystem;
  /**
   * Render kustomizations (trusted callers: the CLI, a trusted workspace): environments are
   * then compared as kustomize renders them and each value is edited where the target's
   * overlay sets it. Without it the raw files are compared.
   */
  render?: RenderContext;
}

/**
 * Everything that differs between the source and the target environment, as edits of
 * the target's files. Values are edited where they live: an image overridden by the
 * target kustomization's `images:` is changed there, not in the resource it patches.
 * Resources only the source has are added (not suggested: new objects deserve a look).
 * Values in files another environment also reads, templated or generated files are
 * listed as blocked with the reason.
 */
export async function planPromotion(options: PlanPromotionOptions): Promise<PromotionPlan> {
  const { config, rootDir } = options;
  const fsys = options.fsys ?? workingTreeFileSystem(rootDir);
  const target = findEnv(config, options.to);
  const fromName = options.from ?? target.promotesFrom;
  if (!fromName) throw new GitOpsError('invalid', `${target.name} has no promotesFrom in youops.yaml; say which environment to promote from`);
  const source = findEnv(config, fromName);
  if (source.name === target.name) throw new GitOpsError('invalid', `cannot promote ${target.name} to itself`);

  if (options.render) {
    const rendered = await planRenderedPromotion(options, source, target, fsys, options.render);
    if (rendered) return rendered;
  }
  const [fromManifests, toManifests] = await Promise.all([loadManifests(rootDir, source.manifests, fsys), loadManifests(rootDir, target.manifests, fsys)]);
  const filter = options.resource ? resourceFilter(options.resource) : undefined;
  const fromResources = fromManifests.resources.filter((r) => !filter || filter(r));
  const toResources = toManifests.resources.filter((r) => !filter || filter(r));
  if (filter && fromResources.length === 0 && toResources.length === 0) {
    throw new GitOpsError('invalid', `no resource ${options.resource} in ${source.name} or ${target.name}`);
  }

  const [fromImages, toKustomization] = await Promise.all([overlayImages(rootDir, source, fsys), overlayKustomization(rootDir, target, fsys)]);
  const toImages = toKustomization ? readKustomizeImages(toKustomization.text) : [];
  const sharedFiles = await filesOfOtherEnvironments(config, rootDir, target.name, fsys);
  const texts = new Map<string, string>();
  const read = async (file: string): Promise<string> => {
    if (!texts.has(file)) texts.set(file, await fsys.readFile(file, FILE_LIMITS.manifest));
    return texts.get(file)!;
  };

  const comparison = compareEnvironments(fromResources, toResources, { ignore: config.drift.ignore });
  const changes: PromotionChange[] = [];
  const overridden = (image: unknown) => typeof image === 'string' && [...fromImages, ...toImages].some((i) => i.name === parseImage(image).repo);

  const added = comparison.resources.filter((rc) => rc.status === 'OnlyInFrom' && rc.from);
  const pairs = (filter && added.length ? compareEnvironments(fromManifests.resources, toManifests.resources, { ignore: config.drift.ignore }) : comparison).resources;
  const newResources = await newResourcesContext(rootDir, source, target, pairs, toManifests.resources, read, sharedFiles, fsys);
  for (const rc of comparison.resources) {
    if (rc.status === 'OnlyInFrom' && rc.from) changes.push(await newResourceChange(rc.from, newResources));
    if (rc.status !== 'Different' || !rc.from || !rc.to) continue;
    for (const d of rc.fields) {
      // kustomize replaces these images; the images: comparison below promotes them where they live.
      if (isImagePointer(d.toPointer ?? d.fromPointer ?? '') && (overridden(d.from) || overridden(d.to))) continue;
      changes.push(await fieldChange(rc.from, rc.to, d, read, sharedFiles));
    }
  }

  if (toKustomization) {
    const used = filter ? new Set([...fromResources, ...toResources].flatMap(imagesOf).map((i) => parseImage(i).repo)) : undefined;
    const text = await read(toKustomization.file);
    for (const c of imageDifferences(fromImages, toImages, fromResources)) {
      if (used && !used.has(c.name)) continue;
      changes.push(imageChange(toKustomization.file, text, c));
    }
  }
  const newFiles = new Set(changes.filter((c) => c.adds?.newFile && !c.blocked).map((c) => c.file));
  for (const f of newFiles) texts.set(f, '');
  return { from: source.name, to: target.name, rootDir, changes, texts, newFiles };
}

/**
 * Promotion between rendered environments: both compared as kustomize renders them (paired by
 * the names their bases give them, whatever prefixes the overlays add), each difference edited
 * where the target sets it. undefined when the target is not rendered (no kustomization, or
 * kustomize unavailable): the raw files are compared then.
 */
async function newResourcesContext(
  rootDir: string,
  source: EnvironmentConfig,
  target: EnvironmentConfig,
  pairs: ResourceComparison[],
  targetResources: ManifestResource[],
  read: (file: string) => Promise<string>,
  sharedFiles: Map<string, string>,
  fsys: ManifestFileSystem,
): Promise<Parameters<typeof newResourceChange>[1]> {
  return {
    from: source.name,
    to: target.name,
    pairs,
    folder: await newFilesFolder(rootDir, target, fsys, sharedFiles),
    targetFiles: new Set(targetResources.map((r) => r.file)),
    readTarget: read,
    readSource: (file: string) => fsys.readFile(file, FILE_LIMITS.manifest),
    exists: async (file: string) => (await fsys.stat(file)) !== undefined,
    blockedReason: (file: string, text: string) => blockedReason(file, text, sharedFiles),
    newFiles: new Map<string, string>(),
  };
}

async function planRenderedPromotion(
  options: PlanPromotionOptions,
  source: EnvironmentConfig,
  target: EnvironmentConfig,
  fsys: ManifestFileSystem,
  render: RenderContext,
): Promise<PromotionPlan | undefined> {
  const { config, rootDir } = options;
  const [fromState, toState] = await Promise.all([loadRenderedManifests(rootDir, source.manifests, render, fsys), loadRenderedManifests(rootDir, target.manifests, render, fsys)]);
  if (toState.rendering?.status === 'failed') throw new GitOpsError('invalid', `${target.name}: ${toState.rendering.reason}`);
  if (fromState.rendering?.status === 'failed') throw new GitOpsError('invalid', `${source.name}: ${fromState.rendering.reason}`);
  if (toState.rendering?.status !== 'rendered') return undefined;

  const filter = options.resource ? resourceFilter(options.resource) : undefined;
  const fromResources = fromState.manifests.resources.filter((r) => !filter || filter(r));
  const toResources = toState.manifests.resources.filter((r) => !filter || filter(r));
  if (filter && fromResources.length === 0 && toResources.length === 0) {
    throw new GitOpsError('invalid', `no resource ${options.resource} in ${source.name} or ${target.name}`);
  }
  const sharedFiles = new Map<string, string>();
  const others: RenderedChangeContext['others'] = [];
  for (const env of config.environments) {
    if (env.name === target.name) continue;
    const { manifests, rendering } = env.name === source.name ? fromState : await loadRenderedManifests(rootDir, env.manifests, render, fsys);
    const files = new Set([...manifests.resources.map((r) => r.file), ...(rendering?.overlays.flatMap((o) => o.inputs) ?? [])]);
    for (const f of files) if (!sharedFiles.has(f)) sharedFiles.set(f, env.name);
    others.push({ name: env.name, files, resources: manifests.resources });
  }
  const texts = new Map<string, string>();
  const read = async (file: string): Promise<string> => {
    if (!texts.has(file)) texts.set(file, await fsys.readFile(file, FILE_LIMITS.manifest));
    return texts.get(file)!;
  };
  // Overlays give the same object other names (prefixes, hash suffixes): the pairing and the names are not differences.
  const comparison = compareEnvironments(fromResources, toResources, { ignore: [...config.drift.ignore, { path: 'metadata.name' }] });
  const changes: PromotionChange[] = [];
  // A resource only the source renders is added as written in its own file (the target's overlay then transforms it).
  const added = comparison.resources.filter((rc) => rc.status === 'OnlyInFrom' && rc.from);
  let raw: { from: ManifestResource[]; context: Parameters<typeof newResourceChange>[1] } | undefined;
  if (added.length) {
    const [rawFrom, rawTo] = await Promise.all([loadManifests(rootDir, source.manifests, fsys), loadManifests(rootDir, target.manifests, fsys)]);
    const pairs = compareEnvironments(rawFrom.resources, rawTo.resources, { ignore: config.drift.ignore }).resources;
    raw = { from: rawFrom.resources, context: await newResourcesContext(rootDir, source, target, pairs, rawTo.resources, read, sharedFiles, fsys) };
  }
  // In the order of the source files, so documents of one file land in one new file in their order.
  const asWritten = (rc: ResourceComparison): ManifestResource | undefined =>
    rc.from?.rendered?.origin.kind === 'resource' ? raw?.from.find((r) => r.file === rc.from!.file && r.docIndex === rc.from!.docIndex && r.id.kind === rc.from!.id.kind) : undefined;
  const writtenAdds = new Set(added.map(asWritten).filter((r): r is ManifestResource => r !== undefined));
  for (const r of raw?.from ?? []) if (writtenAdds.has(r)) changes.push(await newResourceChange(r, raw!.context));
  for (const rc of comparison.resources) {
    if (rc.status === 'OnlyInFrom' && rc.from) {
      if (!asWritten(rc)) {
        const origin = rc.from.rendered?.origin;
        changes.push({
          id: `new#${rc.from.key}`,
          label: `${rc.kind} ${rc.name}: new resource`,
          from: rc.from.object,
          to: undefined,
          file: rc.from.file,
          line: rc.from.range.start.line,
          suggested: false,
          blocked: `only ${source.name} renders it (from ${path.relative(rootDir, origin?.file ?? rc.from.file)}); add it to ${target.name}'s kustomization by hand`,
        });
      }
    }
    if (rc.status !== 'Different' || !rc.from || !rc.to) continue;
    for (const d of rc.fields) {
      const change = await renderedFieldChange(rc.from, rc.to, d, { target: target.name, rootDir, read, others });
      if (change) changes.push(change);
    }
  }
  const newFiles = new Set(changes.filter((c) => c.adds?.newFile && !c.blocked).map((c) => c.file));
  for (const f of newFiles) texts.set(f, '');
  return { from: source.name, to: target.name, rootDir, changes, texts, newFiles };
}

async function fieldChange(
  from: ManifestResource,
  to: ManifestResource,
  d: FieldDifference,
  read: (file: string) => Promise<string>,
  sharedFiles: Map<string, string>,
): Promise<PromotionChange> {
  const pointer = d.toPointer ?? targetPointer(d.fromPointer!, from, to);
  const loc = to.fields.get(pointer);
  const change: PromotionChange = {
    id: `${to.key}#${pointer}`,
    label: `${to.id.kind} ${to.id.name}: ${d.path}`,
    from: d.from,
    to: d.to,
    file: to.file,
    line: (loc?.keyRange ?? d.toSource?.range ?? to.range).start.line,
    suggested: isImagePointer(pointer) || /\/app\.kubernetes\.io~1version$/.test(pointer),
  };
  const text = await read(to.file);
  const blocked = blockedReason(to.file, text, sharedFiles) ?? (typeof d.from === 'string' && d.from.includes('{{') ? templatedReason : undefined);
  if (blocked) return { ...change, blocked };
  try {
    return {
      ...change,
      edit: fieldEdit(text, to, pointer, d.to, d.from),
      check: { kind: 'field', resourceKey: to.key, docIndex: to.docIndex, pointer, value: d.from },
    };
  } catch (err) {
    if (err instanceof GitOpsError) return { ...change, blocked: err.message };
    throw err;
  }
}

interface ImageDifference {
  name: string;
  field: ImageField;
  from: string;
  to?: string;
}

/** Overrides the source sets differently; for names only the target overrides, the source's own image tag. */
function imageDifferences(fromImages: KustomizeImage[], toImages: KustomizeImage[], fromResources: ManifestResource[]): ImageDifference[] {
  const out: ImageDifference[] = [];
  for (const f of fromImages) {
    const t = toImages.find((i) => i.name === f.name);
    for (const field of IMAGE_FIELDS) if (f[field] !== undefined && f[field] !== t?.[field]) out.push({ name: f.name, field, from: f[field]!, to: t?.[field] });
  }
  for (const t of toImages) {
    if (fromImages.some((f) => f.name === t.name)) continue;
    const tag = fromResources.flatMap(imagesOf).map(parseImage).find((i) => i.repo === t.name)?.tag;
    if (tag && tag !== t.newTag) out.push({ name: t.name, field: 'newTag', from: tag, to: t.newTag });
  }
  return out;
}

function imageChange(file: string, text: string, c: ImageDifference): PromotionChange {
  const change: PromotionChange = { id: `kustomize#${c.name}#${c.field}`, label: `images ${c.name}: ${c.field}`, from: c.from, to: c.to, file, line: 0, suggested: true };
  try {
    const edit = kustomizeImageEdit(text, c.name, c.field, c.from);
    const line = text.slice(0, edit.start).split('\n').length - 1;
    return { ...change, line, edit, check: { kind: 'kustomizeImage', name: c.name, field: c.field, value: c.from } };
  } catch (err) {
    if (err instanceof GitOpsError) return { ...change, blocked: err.message };
    throw err;
  }
}

const templatedReason = 'the value is a template expression ({{ … }}); change it where the template gets its values';

function blockedReason(file: string, text: string, sharedFiles: Map<string, string>): string | undefined {
  const shared = sharedFiles.get(file);
  if (shared) return `${path.basename(file)} is also part of ${shared}; promote it through an overlay of this environment instead`;
  if (/^(#|\/\/).*(code generated|generated by|do not edit)/im.test(text.split('\n', 5).join('\n'))) {
    return `${path.basename(file)} is generated (its header says so); change its source and regenerate it`;
  }
  return undefined;
}

/**
 * The target pointer of a field the target lacks: the deepest ancestor it has, then the
 * source's remaining keys; a missing list item is appended (index = the list's length).
 */
function targetPointer(fromPointer: string, from: ManifestResource, to: ManifestResource): string {
  const segments = pointerSegments(fromPointer);
  for (let n = segments.length - 1; n >= 0; n--) {
    const parent = counterpartPointer(pointerFromSegments(segments.slice(0, n)), from.object, to.object, to.id.apiVersion, to.id.kind);
    if (parent === undefined) continue;
    const rest = segments.slice(n);
    const parentValue = valueAt(to.object, parent);
    if (Array.isArray(parentValue) && /^\d+$/.test(rest[0])) rest[0] = String(parentValue.length);
    return parent + pointerFromSegments(rest);
  }
  return fromPointer;
}

function isImagePointer(pointer: string): boolean {
  return /\/(initContainers|containers|ephemeralContainers)\/\d+\/image$/.test(pointer);
}

function imagesOf(r: ManifestResource): string[] {
  return [...r.fields.keys()].filter(isImagePointer).map((p) => valueAt(r.object, p)).filter((v): v is string => typeof v === 'string');
}

function findEnv(config: YouOpsConfig, name: string): EnvironmentConfig {
  const env = config.environments.find((e) => e.name === name);
  if (!env) throw new GitOpsError('invalid', `no environment "${name}" in youops.yaml; environments: ${config.environments.map((e) => e.name).join(', ')}`);
  return env;
}

function resourceFilter(spec: string): (r: ManifestResource) => boolean {
  const slash = spec.indexOf('/');
  if (slash <= 0 || slash === spec.length - 1) throw new GitOpsError('invalid', `--resource takes kind/name (e.g. deployment/web), not "${spec}"`);
  const kind = spec.slice(0, slash).toLowerCase();
  const name = spec.slice(slash + 1);
  // A rendered object also answers to its base's name, whatever prefixes its overlay adds.
  return (r) => r.id.kind.toLowerCase() === kind && (r.id.name === name || r.rendered?.origin.name === name);
}

/** The kustomization at the top of an environment's manifests: where its overrides live. */
async function overlayKustomization(rootDir: string, env: EnvironmentConfig, fsys: ManifestFileSystem): Promise<{ file: string; text: string } | undefined> {
  for (const entry of env.manifests) {
    const dir = path.resolve(rootDir, entry);
    if (!(await fsys.stat(dir))?.isDirectory) continue;
    const file = await findKustomization(dir, fsys);
    if (file) return { file, text: await fsys.readFile(file, FILE_LIMITS.manifest) };
  }
  return undefined;
}

async function overlayImages(rootDir: string, env: EnvironmentConfig, fsys: ManifestFileSystem): Promise<KustomizeImage[]> {
  const k = await overlayKustomization(rootDir, env, fsys);
  return k ? readKustomizeImages(k.text) : [];
}

/**
 * The folder of the target's manifests that new files go into: the first folder entry no
 * other environment reads files from (a shared base would hand them to that one too).
 */
async function newFilesFolder(rootDir: string, env: EnvironmentConfig, fsys: ManifestFileSystem, sharedFiles: Map<string, string>): Promise<NewFilesFolder> {
  for (const entry of env.manifests) {
    const dir = path.resolve(rootDir, entry);
    if (!(await fsys.stat(dir))?.isDirectory) continue;
    const other = [...sharedFiles].find(([file]) => path.dirname(file) === dir);
    if (other) continue;
    return { dir, kustomization: await findKustomization(dir, fsys) };
  }
  return { problem: `${env.name}'s manifests have no folder of their own to add a file to; add it by hand` };
}

/** file → environment name, for every manifest file an environment other than `target` reads. */
async function filesOfOtherEnvironments(config: YouOpsConfig, rootDir: string, target: string, fsys: ManifestFileSystem): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const env of config.environments) {
    if (env.name === target) continue;
    const { resources } = await loadManifests(rootDir, env.manifests, fsys);
    for (const r of resources) if (!map.has(r.file)) map.set(r.file, env.name);
  }
  return map;
}
