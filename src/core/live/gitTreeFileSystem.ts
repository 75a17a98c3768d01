import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkFileSize, type FileLimit } from '../files/readBounded';
import { partialCloneHint, readOnlyGit } from '../git/readOnlyGit';
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
 * (`git ls-tree -r`); blobs are read on demand (`git cat-file blob`). Only read-only
 * plumbing runs, through readOnlyGit, so it is safe in untrusted workspaces.
 */
export class GitTreeFileSystem implements ManifestFileSystem {
  private constructor(
    /** Working-tree folder the absolute paths given to this file system are under. */
    private readonly rootDir: string,
    /** rootDir relative to the repository top, `/`-separated ('' at the top). */
    private readonly rootRel: string,
    private readonly files: Map<string, TreeFile>,
    private readonly dirs: Map<string, ManifestDirEntry[]>,
    readonly commit: string,
    /** The ref that named the commit (the first of the candidates that exists). */
    readonly ref: string,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Opens the first of `ref` (one ref or candidates in order) that names a commit.
   * Throws LiveStateError when rootDir is not in a Git repository or no candidate exists.
   */
  static async open(rootDir: string, ref: string | readonly string[], signal?: AbortSignal): Promise<GitTreeFileSystem> {
    const candidates = typeof ref === 'string' ? [ref] : ref;
    const bad = candidates.find((r) => r === '' || r.startsWith('-'));
    if (bad !== undefined || candidates.length === 0) throw new LiveStateError('gitRef', `"${bad ?? ''}" is not a valid Git ref`);
    const git = (args: string[], maxBuffer?: number) => readOnlyGit(rootDir, args, { timeoutMs: GIT_TIMEOUT_MS, signal, maxBuffer });
    let top: string;
    try {
      top = (await git(['rev-parse', '--show-toplevel'])).trim();
    } catch (e) {
      throw new LiveStateError('gitRef', `${rootDir} is not in a Git repository: ${gitMessage(e)}`);
    }
    let commit = '';
    let found = '';
    for (const candidate of candidates) {
      try {
        commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`])).trim();
      } catch {
        commit = '';
      }
      if (commit) {
        found = candidate;
        break;
      }
    }
    if (!commit) {
      const names = candidates.map((c) => `"${c}"`).join(' or ');
      throw new LiveStateError('gitRef', `Git ref ${names} not found: no branch, tag or commit of that name in ${top} (fetch it first?)`);
    }

    const listing = await git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit], 256 * 1024 * 1024);
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
    return new GitTreeFileSystem(rootDir, rootRel, files, dirs, commit, found, signal);
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

  async readFile(p: string, limit: FileLimit): Promise<string> {
    const rel = this.toRepoPath(p);
    const file = rel === undefined ? undefined : this.files.get(rel);
    if (!file) throw new Error(`${p} does not exist at ${this.commit.slice(0, 12)}`);
    checkFileSize(p, file.size, limit);
    try {
      return await readOnlyGit(this.rootDir, ['cat-file', 'blob', file.oid], { timeoutMs: GIT_TIMEOUT_MS, signal: this.signal, maxBuffer: file.size + 1024 * 1024 });
    } catch (e) {
      throw new Error(`cannot read ${rel} at ${this.commit.slice(0, 12)}: ${gitMessage(e)}`);
    }
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

/** git's own complaint (stderr) rather than Node's "Command failed: git -c …" preamble. */
function gitMessage(e: unknown): string {
  const stderr = (e as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : String((e as Error).message ?? e);
  const hint = partialCloneHint(text);
  if (hint) return hint;
  const lines = text.trim().split('\n');
  // Warnings may come first; the fatal line says what failed.
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0];
}
