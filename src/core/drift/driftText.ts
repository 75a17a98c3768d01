import type { FieldDrift } from './compare';

/** A drifted field's two sides as short text, the same on every surface (CLI, tree, hover, line, ticket). */
export interface DriftText {
  desired: string;
  live: string;
  /** `desired 3, live 2`; `value differs` for a Secret value. */
  summary: string;
}

/**
 * Secret values are never shown: a masked field says "value differs" (or that one side lacks
 * the key). A field Git does not set reads "(not set)", a field live lacks "(absent)".
 */
export function driftText(f: Pick<FieldDrift, 'desired' | 'live' | 'reason' | 'masked'>, show: (value: unknown) => string = shortText): DriftText {
  if (f.masked) {
    if (f.reason === 'missing') return { desired: '(secret)', live: '(absent)', summary: 'secret value missing live' };
    if (f.reason === 'extra') return { desired: '(not set)', live: '(secret)', summary: 'secret key not in Git, still live' };
    return { desired: '(secret)', live: 'value differs', summary: 'value differs' };
  }
  const desired = f.reason === 'extra' ? '(not set)' : show(f.desired);
  const live = f.live === undefined ? '(absent)' : show(f.live);
  return { desired, live, summary: `desired ${desired}, live ${live}` };
}

/** A value as one short line of JSON (strings as they are would hide `"80"` vs `80`). */
export function shortText(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
