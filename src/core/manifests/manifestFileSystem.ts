import { promises as fs } from 'node:fs';

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
  readFile(path: string): Promise<string>;
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
  readFile: (p) => fs.readFile(p, 'utf8'),
};
