import type { Position } from '../text/range';

/** A replacement of `[start, end)` (string offsets) in one file's text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Offset of a 0-based line/character position, as parseManifestText reports them. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** Applies non-overlapping edits; everything outside them stays byte for byte. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the line holding a node's last character (node ranges may end after a newline). */
export function afterLine(text: string, end: number): number {
  const from = text[end - 1] === '\n' ? end - 1 : end;
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}
