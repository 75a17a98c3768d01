import { FILE_LIMITS, FileRefusedError, readBoundedBuffer } from '../files/readBounded';

/** The file's text, or why it is not validated (binary, too big, unreadable). */
export async function readTextFile(file: string): Promise<{ text: string } | { skipped: string }> {
  try {
    const buf = await readBoundedBuffer(file, FILE_LIMITS.validated);
    if (buf.subarray(0, 8192).includes(0)) return { skipped: 'skipped: binary file' };
    return { text: buf.toString('utf8') };
  } catch (err) {
    return { skipped: err instanceof FileRefusedError ? `skipped: ${err.reason}` : `skipped: cannot read: ${(err as Error).message}` };
  }
}
