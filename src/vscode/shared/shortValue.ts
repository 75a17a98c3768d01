/** A value as one short line, for after-text and tree descriptions. */
export function shortValue(v: unknown, max = 40): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
