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

/** The digest a parsed file is kept under: of its text, as read. */
export function contentDigest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** A file read by a caller that digests it itself (off the thread): unchanged when the digest is the known one. */
export type DigestedRead<T> = { digest: string; unchanged: true } | { digest: string; unchanged?: false; value: T };

/**
 * Parsed files by path. A file whose size and modification time are unchanged is not read
 * again; one that was rewritten with the same content (editors save unchanged files, Git
 * checkouts touch them) is read but not parsed again. Only a digest of the text is kept.
 */
export class ParsedFileCache {
  private readonly entries = new Map<string, FileEntry>();

  read<T>(kind: string, file: string, stamp: FileStamp, readText: () => Promise<string>, parse: (text: string) => T | Promise<T>): Promise<T> {
    return this.readDigested(kind, file, stamp, async (known): Promise<DigestedRead<T>> => {
      const text = await readText();
      const digest = contentDigest(text);
      return digest === known ? { digest, unchanged: true } : { digest, value: await parse(text) };
    });
  }

  /**
   * `read` for a loader that reads, digests and parses in one step (in a worker: the text never
   * reaches this thread). It is given the digest of the kept parse, and parses only when the
   * content's is another.
   */
  async readDigested<T>(kind: string, file: string, stamp: FileStamp, load: (knownDigest: string | undefined) => Promise<DigestedRead<T>>): Promise<T> {
    const key = `${kind}\0${file}`;
    const entry = this.entries.get(key);
    if (entry && stamp.mtimeMs !== undefined && entry.mtimeMs === stamp.mtimeMs && entry.size === stamp.size) return entry.value as T;
    const loaded = await load(entry?.digest);
    if (loaded.unchanged && entry) {
      entry.size = stamp.size;
      entry.mtimeMs = stamp.mtimeMs;
      return entry.value as T;
    }
    if (loaded.unchanged) throw new Error(`${file}: unchanged against a digest that was never kept`);
    this.entries.set(key, { size: stamp.size, mtimeMs: stamp.mtimeMs, digest: loaded.digest, value: loaded.value });
    return loaded.value;
  }
}
