import * as path from 'node:path';
import { isRemote, KUSTOMIZATION_FILE_NAMES } from '../manifests/kustomization';
import { nodeFileSystem, type ManifestFileSystem } from '../manifests/manifestFileSystem';
import { isRecord } from '../manifests/resourceId';
import type { Range } from '../text/range';
import { keyRangeIn, listEntries, parseKustomization, type KustomizationModel } from './kustomizationModel';
import { FILE_LIMITS } from '../files/readBounded';

/** How a kustomization or a resource file is pulled in by its parent kustomization. */
export interface ParentLink {
  /** The parent's kustomization file. */
  parent: string;
  via: 'resources' | 'components';
  /** Index in the parent's list. */
  index: number;
}

export interface RemoteEntry {
  kustomization: string;
  entry: string;
  range: Range;
}

/**
 * The kustomizations an overlay builds on, read statically: what kustomize will read
 * (so a render can be reused until one of these changes) and the layers each rendered
 * object went through (so a value can be traced to the entry that set it).
 */
export interface KustomizeTree {
  root: KustomizationModel;
  /** Every kustomization and component reached, by file. */
  kustomizations: Map<string, KustomizationModel>;
  /** Kustomization file of each folder reached. */
  byDir: Map<string, string>;
  /**
   * Files kustomize reads, absolute, plus the kustomization file names probed in each folder:
   * a kustomization.yml appearing beside (or instead of) kustomization.yaml changes the build too.
   */
  inputs: string[];
  /** Bases and components kustomize fetches itself. */
  remote: RemoteEntry[];
  /** Resource file or kustomization file → where it is listed. */
  parents: Map<string, ParentLink[]>;
  /** Text of every input file that exists besides the kustomizations (resources, patches, env files). */
  texts: Map<string, string>;
}

const MAX_TRACED_FILE_BYTES = 5 * 1024 * 1024;

/** Fields whose entries are files kustomize reads (besides resources and components). */
const FILE_LISTS = ['crds', 'configurations', 'patchesStrategicMerge', 'transformers', 'generators', 'validators'] as const;

/** The tree under the kustomization of `dir`; undefined when `dir` has none. */
export async function readKustomizeTree(dir: string, fsys: ManifestFileSystem = nodeFileSystem): Promise<KustomizeTree | undefined> {
  const tree: Omit<KustomizeTree, 'root'> = { kustomizations: new Map(), byDir: new Map(), inputs: [], remote: [], parents: new Map(), texts: new Map() };
  const inputs = new Set<string>();
  const files = new Set<string>();
  const addInput = (file: string, read = true): void => {
    inputs.add(file);
    if (read) files.add(file);
  };
  const link = (child: string, l: ParentLink): void => {
    tree.parents.set(child, [...(tree.parents.get(child) ?? []), l]);
  };

  const visit = async (folder: string): Promise<KustomizationModel | undefined> => {
    const known = tree.byDir.get(folder);
    if (known) return tree.kustomizations.get(known);
    let file: string | undefined;
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      const candidate = path.join(folder, name);
      addInput(candidate, false);
      if (!file && (await fsys.stat(candidate))?.isFile) file = candidate;
    }
    if (!file) return undefined;
    const k = parseKustomization(file, await fsys.readFile(file, FILE_LIMITS.manifest));
    tree.byDir.set(folder, file);
    tree.kustomizations.set(file, k);

    for (const field of ['resources', 'bases', 'components'] as const) {
      for (const { value, pointer, index } of listEntries(k, field)) {
        if (typeof value !== 'string' || value === '') continue;
        if (isRemote(value)) {
          tree.remote.push({ kustomization: file, entry: value, range: keyRangeIn(k, pointer) });
          continue;
        }
        const abs = path.resolve(k.dir, value);
        const via = field === 'components' ? 'components' : 'resources';
        const stat = await fsys.stat(abs);
        if (stat?.isDirectory) {
          const child = await visit(abs);
          if (child) link(child.file, { parent: file, via, index });
        } else {
          addInput(abs);
          link(abs, { parent: file, via, index });
        }
      }
    }
    for (const rel of referencedFiles(k)) addInput(path.resolve(k.dir, rel));
    return k;
  };

  const root = await visit(path.resolve(dir));
  if (!root) return undefined;
  await Promise.all(
    [...files].map(async (file) => {
      const stat = await fsys.stat(file);
      // Bigger files are not traced into (kustomize still reads them); their values point at the entry.
      if (stat?.isFile && stat.size <= MAX_TRACED_FILE_BYTES) tree.texts.set(file, await fsys.readFile(file, FILE_LIMITS.manifest));
    }),
  );
  return { root, ...tree, inputs: [...inputs] };
}

/** Relative paths of the files a kustomization reads besides its resources: patches, generator sources, configs. */
function referencedFiles(k: KustomizationModel): string[] {
  const out: string[] = [];
  const add = (v: unknown): void => {
    // Strings with a newline are inline documents (legacy patchesStrategicMerge, inline transformers).
    if (typeof v === 'string' && v !== '' && !v.includes('\n') && !isRemote(v)) out.push(v);
  };
  for (const field of FILE_LISTS) for (const e of listEntries(k, field)) add(e.value);
  for (const field of ['patches', 'patchesJson6902', 'replacements'] as const) {
    for (const e of listEntries(k, field)) if (isRecord(e.value)) add(e.value.path);
  }
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    for (const e of listEntries(k, field)) {
      if (!isRecord(e.value)) continue;
      for (const f of Array.isArray(e.value.files) ? e.value.files : []) if (typeof f === 'string') add(f.slice(f.indexOf('=') + 1));
      for (const f of Array.isArray(e.value.envs) ? e.value.envs : []) add(f);
      add(e.value.env);
    }
  }
  if (isRecord(k.value.openapi)) add(k.value.openapi.path);
  return out;
}
