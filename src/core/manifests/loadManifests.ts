import * as path from 'node:path';
import { FILE_LIMITS, FileRefusedError } from '../files/readBounded';
import { expandGlob, isGlob } from './glob';
import { findKustomization, KUSTOMIZATION_FILE_NAMES, kustomizationEntries } from './kustomization';
import { workingTreeFileSystem, type ManifestFileSystem } from './manifestFileSystem';
import type { ManifestError, ManifestResource } from './manifestResource';
import type { ParsedFileCache } from '../files/parsedFileCache';
import { parseManifestText, type ParsedManifests } from './parseManifestText';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads the desired state of one environment. Each entry (relative to rootDir) is a
 * file, a folder (recursive; a kustomization's `resources` are followed instead of
 * scanning) or a glob. Never throws for content problems: they come back as errors.
 * `fsys` is the working tree by default; the gitRef source passes a Git tree. With `cache`,
 * files that did not change since the last call are not parsed again (their resources are
 * the same objects, so their drift can be reused too).
 */
export async function loadManifests(
  rootDir: string,
  manifests: string[],
  fsys: ManifestFileSystem = workingTreeFileSystem(rootDir),
  cache?: ParsedFileCache,
  options: LoadManifestsOptions = {},
): Promise<LoadedManifests> {
  const collector = new FileCollector(fsys, options.kustomizations === 'collect');
  for (const entry of manifests) await collector.addEntry(rootDir, entry);

  const resources: ManifestResource[] = [];
  const errors: ManifestError[] = [...collector.errors];
  const parsed = await mapWithLimit(collector.files, 16, (file) => readAndParse(file, fsys, cache));
  for (const result of parsed) {
    resources.push(...result.resources);
    errors.push(...result.errors);
  }
  return { resources, errors, ...(options.kustomizations === 'collect' ? { kustomizations: collector.kustomizations } : {}) };
}

export interface LoadManifestsOptions {
  /**
   * `follow` (default): a folder's kustomization is read for its `resources` (raw files).
   * `collect`: kustomizations are not followed but returned in `kustomizations`, for the
   * caller to render (see core/kustomize); the other files are read as usual.
   */
  kustomizations?: 'follow' | 'collect';
}

export interface LoadedManifests extends ParsedManifests {
  /** With `kustomizations: 'collect'`: the kustomization files met, in order. */
  kustomizations?: string[];
}

async function readAndParse(file: string, fsys: ManifestFileSystem, cache: ParsedFileCache | undefined): Promise<ParsedManifests> {
  try {
    const read = () => fsys.readFile(file, FILE_LIMITS.manifest);
    if (!cache) return parseManifestText(await read(), file);
    const stat = await fsys.stat(file);
    if (!stat) throw new Error('file does not exist');
    return await cache.read('manifests', file, stat, read, (text) => parseManifestText(text, file));
  } catch (e) {
    const message = e instanceof FileRefusedError ? e.reason : `cannot read file: ${(e as Error).message}`;
    return { resources: [], errors: [{ file, severity: 'error', message }] };
  }
}

/** Resolves entries to an ordered, de-duplicated list of files to parse. */
class FileCollector {
  readonly files: string[] = [];
  readonly errors: ManifestError[] = [];
  readonly kustomizations: string[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();

  constructor(
    private readonly fsys: ManifestFileSystem,
    private readonly collectKustomizations = false,
  ) {}

  async addEntry(rootDir: string, entry: string): Promise<void> {
    if (isGlob(entry)) {
      const matches = await expandGlob(rootDir, entry, this.fsys);
      if (matches.length === 0) this.errors.push({ file: path.resolve(rootDir), severity: 'info', message: `manifests glob "${entry}" matches no files` });
      for (const match of matches) {
        const stat = await this.fsys.stat(match);
        if (stat?.isDirectory) await this.addFolder(match);
        else if (stat?.isFile && MANIFEST_EXTENSIONS.has(path.extname(match).toLowerCase())) this.addFile(match);
      }
      return;
    }
    const abs = path.resolve(rootDir, entry);
    const stat = await this.fsys.stat(abs);
    if (!stat) this.errors.push({ file: abs, severity: 'error', message: `manifests path "${entry}" does not exist` });
    else if (stat.isDirectory) await this.addFolder(abs);
    else if (this.collectKustomizations && KUSTOMIZATION_FILE_NAMES.includes(path.basename(abs))) await this.addFolder(path.dirname(abs));
    else this.addFile(abs);
  }

  private addFile(file: string): void {
    if (this.seenFiles.has(file)) return;
    this.seenFiles.add(file);
    this.files.push(file);
  }

  private async addFolder(dir: string): Promise<void> {
    if (this.seenDirs.has(dir)) return; // also breaks kustomization cycles
    this.seenDirs.add(dir);

    if (await this.fsys.stat(path.join(dir, 'Chart.yaml'))) {
      this.errors.push({
        file: dir,
        severity: 'info',
        message: 'Helm chart: templates are not rendered, so it is skipped (render it, e.g. `helm template`, into a folder and list that folder)',
      });
      return;
    }
    const kustomization = await findKustomization(dir, this.fsys);
    if (kustomization && this.collectKustomizations) {
      this.kustomizations.push(kustomization);
      return;
    }
    if (kustomization) {
      await this.followKustomization(kustomization);
      return;
    }

    let entries;
    try {
      entries = await this.fsys.readDir(dir);
    } catch (e) {
      this.errors.push({ file: dir, severity: 'error', message: `cannot read folder: ${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory) await this.addFolder(abs);
      else if (entry.isFile && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) this.addFile(abs);
    }
  }

  private async followKustomization(file: string): Promise<void> {
    const dir = path.dirname(file);
    let entries: { local: string[]; remote: string[] };
    try {
      entries = kustomizationEntries(await this.fsys.readFile(file, FILE_LIMITS.manifest));
    } catch (e) {
      this.errors.push({ file, severity: 'error', message: `cannot read kustomization: ${(e as Error).message}` });
      return;
    }
    for (const remote of entries.remote) {
      this.errors.push({ file, severity: 'info', message: `remote kustomize resource "${remote}" is not fetched; skipped` });
    }
    for (const local of entries.local) {
      const abs = path.resolve(dir, local);
      const stat = await this.fsys.stat(abs);
      if (!stat) this.errors.push({ file, severity: 'error', message: `kustomization resource "${local}" does not exist` });
      else if (stat.isDirectory) await this.addFolder(abs);
      else this.addFile(abs);
    }
  }
}

/** Bounded parallel reads: thousands of files at once would exhaust file handles. */
async function mapWithLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
