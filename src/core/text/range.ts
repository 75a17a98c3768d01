/** Positions are 0-based like VS Code's; the CLI adds 1 when printing. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Maps string offsets to line/character positions with one pass over the text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  /** `baseLine`: the line of `text`'s first character in the whole file (for parsing one document of many). */
  constructor(
    text: string,
    private readonly baseLine = 0,
  ) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.baseLine, character: offset - this.lineStarts[lo] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The offset of a position (in the same line numbering), or undefined when its line is not in the text. */
  offsetAt(position: Position): number | undefined {
    const start = this.lineStarts[position.line - this.baseLine];
    return start === undefined ? undefined : start + position.character;
  }
}
