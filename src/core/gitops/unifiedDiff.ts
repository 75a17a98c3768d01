/**
 * A unified diff (`git apply` reads it) of whole-file texts, with `context` lines
 * around each change. Line matching is a plain LCS after trimming the common head
 * and tail, which is exact for the few-line edits of promotions and rollbacks.
 */
export function unifiedDiff(file: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  const ops = diffLines(a, b);
  const header = [
    `diff --git a/${file} b/${file}`,
    ...(before === undefined ? ['new file mode 100644'] : after === undefined ? ['deleted file mode 100644'] : []),
    `--- ${before === undefined ? '/dev/null' : `a/${file}`}`,
    `+++ ${after === undefined ? '/dev/null' : `b/${file}`}`,
  ];
  const changed = ops.flatMap((o, k) => (o.op === ' ' ? [] : [k]));
  const lines: string[] = [];
  let g = 0;
  while (g < changed.length) {
    // One hunk: changes less than 2×context unchanged lines apart, with context around.
    let last = g;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] - 1 <= 2 * context) last++;
    const slice = ops.slice(Math.max(0, changed[g] - context), Math.min(ops.length, changed[last] + 1 + context));
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    lines.push(`@@ -${range(slice[0].a, aLen)} +${range(slice[0].b, bLen)} @@`);
    for (const o of slice) {
      lines.push(o.op + o.text.replace(/\n$/, ''));
      if (!o.text.endsWith('\n')) lines.push('\\ No newline at end of file');
    }
    g = last + 1;
  }
  return [...header, ...lines].join('\n') + '\n';
}

interface Op {
  op: ' ' | '-' | '+';
  text: string;
  /** 0-based line numbers where the op sits in each side. */
  a: number;
  b: number;
}

function range(start: number, len: number): string {
  return `${len === 0 ? start : start + 1}${len === 1 ? '' : `,${len}`}`;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  // LCS table over the differing middle only.
  const lcs: number[][] = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
  for (let i = am.length - 1; i >= 0; i--) for (let j = bm.length - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ op: ' ', text: a[k], a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      ops.push({ op: ' ', text: am[i], a: head + i++, b: head + j++ });
    } else if (i < am.length && (j === bm.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ op: '-', text: am[i], a: head + i++, b: head + j });
    } else {
      ops.push({ op: '+', text: bm[j], a: head + i, b: head + j++ });
    }
  }
  for (let k = 0; k < tail; k++) ops.push({ op: ' ', text: a[a.length - tail + k], a: a.length - tail + k, b: b.length - tail + k });
  return ops;
}
