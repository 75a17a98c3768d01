import { promises as fs } from 'node:fs';

/** Bigger files are skipped with a message: nobody hand-writes a 20 MB manifest. */
export const MAX_VALIDATED_BYTES = 20 * 1024 * 1024;

/** The file's text, or why it is not validated (binary, too big, unreadable). */
export async function readTextFile(file: string): Promise<{ text: string } | { skipped: string }> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_VALIDATED_BYTES) return { skipped: `skipped: ${(stat.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_VALIDATED_BYTES / 1024 / 1024} MB limit` };
    const buf = await fs.readFile(file);
    if (buf.subarray(0, 8192).includes(0)) return { skipped: 'skipped: binary file' };
    return { text: buf.toString('utf8') };
  } catch (err) {
    return { skipped: `skipped: cannot read: ${(err as Error).message}` };
  }
}
