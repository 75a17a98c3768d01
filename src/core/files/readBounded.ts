import { promises as fs, statSync, openSync, readSync, closeSync } from 'node:fs';
import { linkEscape, linkEscapeSync } from './containment';

/** What a read is for and how big such a file may be. */
export interface FileLimit {
  /** For messages: "manifests", "snapshots"… */
  what: string;
  bytes: number;
}

const MB = 1024 * 1024;

/**
 * The size limits of every file YouOps reads from a repository. A repository is input from
 * strangers, and the extension host reads it on open: a generated 100 MB dump must get a
 * message, not exhaust the heap. Parsing YAML costs ~100× its size in memory, so these stay
 * far below what the editor can hold.
 */
export const FILE_LIMITS = {
  config: { what: 'youops.yaml', bytes: 2 * MB },
  manifest: { what: 'manifests', bytes: 5 * MB },
  snapshot: { what: 'snapshot files', bytes: 20 * MB },
  /** All files of one snapshot folder together. */
  snapshotTotal: { what: 'a snapshot folder in total', bytes: 50 * MB },
  schema: { what: 'JSON schemas', bytes: 32 * MB },
  template: { what: 'issue templates', bytes: 1 * MB },
  validated: { what: 'validated files', bytes: 20 * MB },
} as const satisfies Record<string, FileLimit>;

/** A file over its limit, not a regular file, or outside the repository: the message names the file and why. */
export class FileRefusedError extends Error {
  constructor(
    readonly file: string,
    /** The same without the file name, for places that show the file beside it. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileRefusedError';
  }
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Throws FileRefusedError when `size` is over the limit. */
export function checkFileSize(file: string, size: number, limit: FileLimit): void {
  if (size > limit.bytes) throw new FileRefusedError(file, tooLarge(size, limit));
}

function tooLarge(size: number, limit: FileLimit): string {
  return `${formatMegabytes(size)} is over the ${formatMegabytes(limit.bytes)} limit for ${limit.what}; not read`;
}

/**
 * The file's bytes, never more than the limit: the size is checked before reading, and the
 * read itself stops past the limit (a file that grows, or a device that reports size 0).
 * Only regular files are read (symbolic links are followed): a FIFO or device is refused.
 * With `root`, a file whose real path (links followed) is outside it is refused too.
 */
export async function readBoundedBuffer(file: string, limit: FileLimit, root?: string): Promise<Buffer> {
  const escape = root === undefined ? undefined : await linkEscape(root, file);
  if (escape) throw new FileRefusedError(file, escape);
  const reader = new BoundedReader(file, await fs.stat(file), limit);
  const handle = await fs.open(file, 'r');
  try {
    for (;;) {
      const chunk = reader.nextChunk();
      if (!reader.took(chunk, (await handle.read(chunk, 0, chunk.length, null)).bytesRead)) return reader.bytes();
    }
  } finally {
    await handle.close();
  }
}

/** The file as UTF-8 text, never more than the limit (see readBoundedBuffer). */
export async function readBoundedText(file: string, limit: FileLimit, root?: string): Promise<string> {
  return (await readBoundedBuffer(file, limit, root)).toString('utf8');
}

/**
 * Synchronous readBoundedBuffer, for the few lookups that cannot wait (schema descriptions on
 * hover) and for a CLI reading hundreds of small files one after the other (the thread pool only adds latency).
 */
export function readBoundedBufferSync(file: string, limit: FileLimit, root?: string): Buffer {
  const escape = root === undefined ? undefined : linkEscapeSync(root, file);
  if (escape) throw new FileRefusedError(file, escape);
  const reader = new BoundedReader(file, statSync(file), limit);
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const chunk = reader.nextChunk();
      if (!reader.took(chunk, readSync(fd, chunk, 0, chunk.length, null))) return reader.bytes();
    }
  } finally {
    closeSync(fd);
  }
}

/** Synchronous readBoundedText (see readBoundedBufferSync). */
export function readBoundedTextSync(file: string, limit: FileLimit, root?: string): string {
  return readBoundedBufferSync(file, limit, root).toString('utf8');
}

/** The chunks of one bounded read; refuses non-files and sizes over the limit up front. */
class BoundedReader {
  private readonly chunks: Buffer[] = [];
  private total = 0;

  constructor(
    private readonly file: string,
    private readonly stat: { size: number; isFile(): boolean },
    private readonly limit: FileLimit,
  ) {
    if (!stat.isFile()) throw new FileRefusedError(file, 'not a regular file; not read');
    checkFileSize(file, stat.size, limit);
  }

  /** Room for the rest of the file as stat saw it (at least 64 KB, for devices reporting 0), never past limit + 1. */
  nextChunk(): Buffer {
    return Buffer.allocUnsafe(Math.min(Math.max(this.stat.size - this.total, 64 * 1024), this.limit.bytes + 1 - this.total));
  }

  /** Keeps what was read; false at the end of the file. */
  took(chunk: Buffer, bytesRead: number): boolean {
    if (bytesRead === 0) return false;
    this.total += bytesRead;
    if (this.total > this.limit.bytes) throw new FileRefusedError(this.file, tooLarge(this.total, this.limit));
    this.chunks.push(chunk.subarray(0, bytesRead));
    return true;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.total);
  }
}
