import { parse, stringify } from 'yaml';

/**
 * The source text for `value` where `oldSource` stood, in the same style: a quoted
 * scalar stays quoted the same way, a plain one stays plain when YAML reads it back
 * as the same value, a flow list stays flow, a block collection stays block at
 * `column`. Nothing around the value is touched, so comments and layout survive.
 * Block scalars (| or >) are blockScalarCandidates' job.
 */
export function yamlValueText(oldSource: string, oldValue: unknown, value: unknown, column: number): string {
  const trailing = /\n*$/.exec(oldSource)![0];
  const old = oldSource.slice(0, oldSource.length - trailing.length);
  const isBlockCollection = oldValue !== null && typeof oldValue === 'object' && !/^[[{]/.test(old);
  if (value !== null && typeof value === 'object') {
    if (isBlockCollection) return indentBlock(stringify(value, { lineWidth: 0 }).replace(/\n$/, ''), column) + trailing;
    return flowText(value) + trailing;
  }
  return scalarText(old, value) + trailing;
}

/** A scalar in the quoting style of `old` (plain, 'single' or "double"). */
export function scalarText(old: string, value: unknown): string {
  if (typeof value !== 'string') return value === null || value === undefined ? 'null' : String(value);
  if (old.startsWith('"')) return JSON.stringify(value);
  if (old.startsWith("'") && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  return plainSafe(value) ? value : JSON.stringify(value);
}

/** True when `s` written plain reads back as the same string in block and flow context. */
function plainSafe(s: string): boolean {
  if (s === '' || /[\n,[\]{}]/.test(s) || s !== s.trim()) return false;
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

function flowText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${scalarText('', k)}: ${flowText(v)}`).join(', ')} }`;
  }
  return scalarText('', value);
}

/** Indents every line but the first (which starts where the old value started). */
export function indentBlock(text: string, column: number): string {
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}
