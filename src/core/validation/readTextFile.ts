import { FILE_LIMITS, FileRefusedError, readBoundedBufferSync } from '../files/readBounded';

/**
 * The file's text, or why it is not validated (binary, too big, unreadable). UTF-8 (with or
 * without BOM) and UTF-16 (BOM, or the zero-byte pattern of ASCII text, as YAML detects it) are decoded.
 */
export async function readTextFile(file: string): Promise<{ text: string } | { skipped: string }> {
  try {
    // Synchronous: a CLI reading hundreds of small files one after the other; the thread pool only adds latency.
    const text = decodeText(readBoundedBufferSync(file, FILE_LIMITS.validated));
    if (text === undefined) return { skipped: 'skipped: binary file' };
    return { text };
  } catch (err) {
    return { skipped: err instanceof FileRefusedError ? `skipped: ${err.reason}` : `skipped: cannot read: ${(err as Error).message}` };
  }
}

/** Text of a file's bytes, undefined for binary content. */
export function decodeText(buf: Buffer): string | undefined {
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2).toString('utf16le');
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = swap16(buf.subarray(2)).toString('utf16le');
  else if (buf.length >= 2 && buf[0] !== 0 && buf[1] === 0) text = buf.toString('utf16le');
  else if (buf.length >= 2 && buf[0] === 0 && buf[1] !== 0) text = swap16(buf).toString('utf16le');
  else text = buf.toString('utf8').replace(/^\uFEFF/, '');
  return text.slice(0, 8192).includes('\0') ? undefined : text;
}

function swap16(buf: Buffer): Buffer {
  const copy = Buffer.from(buf.subarray(0, buf.length - (buf.length % 2)));
  return copy.swap16();
}
