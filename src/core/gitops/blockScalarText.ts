/** Header of a block scalar: `|` or `>`, optional indentation (1-9) and chomping (+/-) indicators in either order. */
const HEADER = /^([|>])([1-9+-]{0,2})/;

/**
 * Replacement texts for the block scalar `oldSource` (its range: header line through its
 * last line, newline included) holding `value`, best first. The first keeps the block: same
 * `|`/`>` style, same indentation indicator, same content indentation and header comment,
 * the chomping indicator changed only when the value's trailing newlines need it. When the
 * value cannot be written that way (not a string, control characters, no content), or as a
 * fallback when YAML reads the block back differently, JSON: a double-quoted string holds
 * any string exactly (and JSON is YAML for other values). Blank lines after the block that
 * were not part of its value stay. `parentIndent` is the column of the key (or list dash) owning the value.
 */
export function blockScalarCandidates(oldSource: string, oldValue: unknown, value: unknown, parentIndent: number): string[] {
  const nl = oldSource.indexOf('\n');
  const headerLine = nl < 0 ? oldSource : oldSource.slice(0, nl);
  const header = HEADER.exec(headerLine);
  if (!header) throw new Error(`not a block scalar: ${headerLine}`);
  const [, style, indicators] = header;
  const comment = headerLine.slice(header[0].length);
  const bodyLines = nl < 0 ? [] : oldSource.slice(nl + 1).replace(/\n$/, '').split('\n');
  let lastContent = bodyLines.length - 1;
  while (lastContent >= 0 && bodyLines[lastContent].trim() === '') lastContent--;
  // With keep chomping the blank lines after the content are part of the value and are rewritten.
  const blankAfter = indicators.includes('+') ? '' : bodyLines.slice(lastContent + 1).map((l) => l + '\n').join('');

  // A block at the very end of a file without a final newline is replaced without one too.
  const atEof = (t: string) => (oldSource.endsWith('\n') ? t : t.replace(/\n$/, ''));
  const safe = atEof(JSON.stringify(value) + comment + '\n' + blankAfter);
  if (typeof value !== 'string' || !/[^\n]/.test(value) || /[\0-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/.test(value)) return [safe];

  const digit = indicators.replace(/[+-]/, '');
  const indent = contentIndent(bodyLines.slice(0, lastContent + 1), typeof oldValue === 'string' ? oldValue : '') ?? parentIndent + (Number(digit) || 2);
  const body = value.replace(/\n+$/, '');
  const trailing = value.length - body.length;
  const lines = body.split('\n');
  const chomp = chomping(indicators, trailing);
  let newIndicators = digit ? (/[+-]/.test(indicators) ? indicators.replace(/[+-]/, chomp) : indicators + chomp) : chomp;
  // Without an indentation indicator YAML takes the first content line's indentation as the block's.
  if (!digit && /^[ \t]/.test(lines.find((l) => l !== '') ?? '')) {
    if (indent - parentIndent < 1 || indent - parentIndent > 9) return [safe];
    newIndicators = String(indent - parentIndent) + chomp;
  }
  const written = (style === '>' ? foldedLines(lines) : lines).map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
  // Keep chomping would take the blank lines after the block into the value.
  const after = chomp === '+' ? '' : blankAfter;
  const block = `${style}${newIndicators}${comment}\n${written.join('\n')}\n${chomp === '+' ? '\n'.repeat(trailing - 1) : ''}${after}`;
  return [atEof(block), safe];
}

/** The chomping indicator that gives `trailing` final newlines, the old one when it does. */
function chomping(indicators: string, trailing: number): string {
  const old = /[+-]/.exec(indicators)?.[0] ?? '';
  const fits = (c: string) => (c === '-' ? trailing === 0 : c === '' ? trailing === 1 : trailing >= 1);
  if (fits(old)) return old;
  return trailing === 0 ? '-' : trailing === 1 ? '' : '+';
}

/**
 * Content indentation of the existing block: the first content line's spaces minus the
 * spaces YAML kept from it in the value (non-zero only with an indentation indicator).
 */
function contentIndent(contentLines: string[], oldValue: string): number | undefined {
  const first = contentLines.find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  const kept = /^ */.exec(oldValue.replace(/^\n+/, ''))![0].length;
  return /^ */.exec(first)![0].length - kept;
}

/**
 * Folded style joins a line break between two unindented text lines into a space, so each
 * such break is written with one more (empty) line; breaks next to indented lines are kept.
 */
function foldedLines(lines: string[]): string[] {
  const out: string[] = [];
  let previousText: string | undefined;
  for (const line of lines) {
    if (line !== '' && previousText !== undefined && !/^[ \t]/.test(line) && !/^[ \t]/.test(previousText)) out.push('');
    out.push(line);
    if (line !== '') previousText = line;
  }
  return out;
}
