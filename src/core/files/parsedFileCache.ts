import { createHash } from 'node:crypto';

/** What a file read needs to know to reuse an earlier parse without reading again. */
export interface FileStamp {
  size: number;
  /** Absent where the source has no modification time (a Git tree): the content decides. */
  mtimeMs?: number;
}

interface FileEntry {
  size: number;
  mtimeMs?: number;
  digest: string;
  value: unknown;
}

/**
 * Parsed files by path. A file whose size and modification time are unchanged is not read
 * again; one that was rewritten with the same content (editors save unchanged files, Git
 * checkouts touch them) is read but not parsed again. Only a digest of the text is kept.
 */
export class ParsedFileCache {
  private readonly entries = new Map<string, FileEntry>();

  async read<T>(kind: string, file: string, stamp: FileStamp, readText: () => Promise<string>, parse: (text: string) => T | Promise<T>): Promise<T> {
    const key = `${kind}\0${file}`;
    const entry = this.entries.get(key);
    if (entry && stamp.mtimeMs !== undefined && entry.mtimeMs === stamp.mtimeMs && entry.size === stamp.size) return entry.value as T;
    const text = await readText();
    const digest = createHash('sha1').update(text).digest('base64');
    if (entry && entry.digest === digest) {
      entry.size = stamp.size;
      entry.mtimeMs = stamp.mtimeMs;
      return entry.value as T;
    }
    const value = await parse(text);
    this.entries.set(key, { size: stamp.size, mtimeMs: stamp.mtimeMs, digest, value });
    return value;
  }
}
