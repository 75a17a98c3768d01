import { promises as fs } from 'node:fs';
import { linkEscape } from '../files/containment';
import { FileRefusedError, readBoundedText, type FileLimit } from '../files/readBounded';

export interface ManifestFileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Modification time, where the file system has one (lets unchanged files be skipped). */
  mtimeMs?: number;
}

export interface ManifestDirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

/**
 * The read-only file access manifest loading needs. Lets the same loader read the
 * working tree or a Git ref (gitRef live source) without duplicating the walk.
 * Paths are absolute in the host's path syntax.
 */
export interface ManifestFileSystem {
  /** undefined when the path does not exist */
  stat(path: string): Promise<ManifestFileStat | undefined>;
  /** Throws when the folder cannot be read. */
  readDir(path: string): Promise<ManifestDirEntry[]>;
  /** Throws FileRefusedError over the limit: every read of repository content is bounded. */
  readFile(path: string, limit: FileLimit): Promise<string>;
  /** Set when the paths are the files on disk (the working tree), which tools like kustomize can read themselves. */
  readonly onDisk?: true;
}

/** The working tree on disk. */
export const nodeFileSystem: ManifestFileSystem = {
  async stat(p) {
    try {
      const s = await fs.stat(p);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
  async readDir(p) {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory() }));
  },
  readFile: (p, limit) => readBoundedText(p, limit),
  onDisk: true,
};

/**
 * The working tree, confined to `rootDir`: folders and files whose real path (links followed)
 * is outside it are refused, so a `..` in a kustomization, a glob from `/` or a link to the home
 * folder reads nothing from elsewhere. stat stays unconfined: it reads no content.
 */
export function workingTreeFileSystem(rootDir: string): ManifestFileSystem {
  return {
    stat: nodeFileSystem.stat,
    async readDir(p) {
      const escape = await linkEscape(rootDir, p);
      if (escape) throw new FileRefusedError(p, escape);
      return nodeFileSystem.readDir(p);
    },
    readFile: (p, limit) => readBoundedText(p, limit, rootDir),
    onDisk: true,
  };
}
