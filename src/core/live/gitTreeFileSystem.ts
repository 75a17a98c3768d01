import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { ManifestDirEntry, ManifestFileStat, ManifestFileSystem } from '../manifests/manifestFileSystem';
import { LiveStateError } from './provider';

const GIT_TIMEOUT_MS = 30_000;

interface TreeFile {
  oid: string;
  size: number;
}

/**
 * The files of one commit, addressed by working-tree paths, so loadManifests reads
 * a tag or branch exactly as it reads the checkout. The tree is listed once
 * (`git ls-tree -r`); blobs are read on demand (`git cat-file blob`).
 */
export class GitTreeFileSystem implements ManifestFileSystem {
  private constructor(
    private readonly git: SimpleGit,
    /** Working-tree folder the absolute paths given to this file system are under. */
    private readonly rootDir: string,
    /** rootDir relative to the repository top, `/`-separated ('' at the top). */
    private readonly rootRel: string,
    private readonly files: Map<string, TreeFile>,
    private readonly dirs: Map<string, ManifestDirEntry[]>,
    readonly commit: string,
  ) {}

  /** Throws LiveStateError when rootDir is not in a Git repository or `ref` names no commit. */
  static async open(rootDir: string, ref: string, signal?: AbortSignal): Promise<GitTreeFileSystem> {
    if (ref === '' || ref.startsWith('-')) throw new LiveStateError('gitRef', `"${ref}" is not a valid Git ref`);
    let git: SimpleGit;
    try {
      git = simpleGit({ baseDir: rootDir, timeout: { block: GIT_TIMEOUT_MS }, ...(signal ? { abort: signal } : {}) });
    } catch (e) {
      throw new LiveStateError('gitRef', `cannot use Git in ${rootDir}: ${(e as Error).message}`);
    }
    let top: string;
    try {
      top = (await git.revparse(['--show-toplevel'])).trim();
    } catch (e) {
      throw new LiveStateError('gitRef', `${rootDir} is not in a Git repository: ${firstLine(e)}`);
    }
    let commit: string;
    try {
      commit = (await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    } catch {
      commit = '';
    }
    if (!commit) throw new LiveStateError('gitRef', `Git ref "${ref}" not found: no branch, tag or commit of that name in ${top} (fetch it first?)`);

    const listing = await git.raw(['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
    const files = new Map<string, TreeFile>();
    const dirs = new Map<string, ManifestDirEntry[]>([['', []]]);
    for (const record of listing.split('\0')) {
      // "<mode> <type> <oid> <size>\t<path>"; symlinks (120000) and submodules are not manifests.
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
      if (type !== 'blob' || mode === '120000') continue;
      const file = record.slice(tab + 1);
      files.set(file, { oid, size: Number(size) || 0 });
      addToDirs(dirs, file);
    }
    const realRoot = await fs.realpath(rootDir).catch(() => rootDir);
    const rootRel = path.relative(top, realRoot).split(path.sep).join('/');
    return new GitTreeFileSystem(git, rootDir, rootRel, files, dirs, commit);
  }

  async stat(p: string): Promise<ManifestFileStat | undefined> {
    const rel = this.toRepoPath(p);
    if (rel === undefined) return undefined;
    const file = this.files.get(rel);
    if (file) return { isFile: true, isDirectory: false, size: file.size };
    return this.dirs.has(rel) ? { isFile: false, isDirectory: true, size: 0 } : undefined;
  }

  async readDir(p: string): Promise<ManifestDirEntry[]> {
    const rel = this.toRepoPath(p);
    const entries = rel === undefined ? undefined : this.dirs.get(rel);
    if (!entries) throw new Error(`${p} is not a folder at ${this.commit.slice(0, 12)}`);
    return entries;
  }

  async readFile(p: string): Promise<string> {
    const rel = this.toRepoPath(p);
    const file = rel === undefined ? undefined : this.files.get(rel);
    if (!file) throw new Error(`${p} does not exist at ${this.commit.slice(0, 12)}`);
    return this.git.raw(['cat-file', 'blob', file.oid]);
  }

  /** Absolute working-tree path → path in the tree, or undefined outside the repository. */
  private toRepoPath(p: string): string | undefined {
    const fromRoot = path.relative(this.rootDir, p).split(path.sep).join('/');
    const rel = path.posix.normalize(this.rootRel ? `${this.rootRel}/${fromRoot}` : fromRoot);
    if (rel === '.') return '';
    return rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel) ? undefined : rel;
  }
}

function addToDirs(dirs: Map<string, ManifestDirEntry[]>, file: string): void {
  let child = file;
  let isFile = true;
  while (true) {
    const slash = child.lastIndexOf('/');
    const parent = slash < 0 ? '' : child.slice(0, slash);
    const name = child.slice(slash + 1);
    let entries = dirs.get(parent);
    const existed = entries !== undefined;
    if (!entries) dirs.set(parent, (entries = []));
    // A folder is only added right after it was first seen, so it is never listed twice.
    entries.push({ name, isFile, isDirectory: !isFile });
    if (existed || parent === '') return;
    child = parent;
    isFile = false;
  }
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).trim().split('\n')[0];
}
