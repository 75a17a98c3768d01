import { joinPointer } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';

/**
 * Secrets as the API server and Argo CD treat them: `stringData` is write-only — the server
 * folds it into `data` (base64) and never returns it — so both sides are compared as `data`,
 * and a drift on a key written under `stringData` is reported on that line. Values are never
 * carried out of the comparison: a drifted key says "value differs" (Argo CD masks too).
 */

export function isSecret(object: unknown): object is Record<string, unknown> {
  return isRecord(object) && object.kind === 'Secret' && (object.apiVersion === 'v1' || object.apiVersion === undefined);
}

/** One desired data key after folding: its base64 value and where Git writes it. */
export interface DesiredSecretEntry {
  value: unknown;
  pointer: string;
  segments: readonly string[];
}

/** The data keys a desired Secret sets, `stringData` winning over `data` as on the server; null values mean unset. */
export function desiredSecretData(secret: Record<string, unknown>): Map<string, DesiredSecretEntry> {
  const out = new Map<string, DesiredSecretEntry>();
  if (isRecord(secret.data)) {
    for (const [key, value] of Object.entries(secret.data)) {
      if (value !== null && value !== undefined) out.set(key, { value, pointer: joinPointer('/data', key), segments: ['data', key] });
    }
  }
  if (isRecord(secret.stringData)) {
    for (const [key, value] of Object.entries(secret.stringData)) {
      if (value === null || value === undefined) continue;
      const text = typeof value === 'string' ? value : String(value);
      out.set(key, { value: toBase64(text), pointer: joinPointer('/stringData', key), segments: ['stringData', key] });
    }
  }
  return out;
}

/** A live Secret's data, with any `stringData` folded in (Git refs and exports may still carry it). */
export function liveSecretData(secret: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (isRecord(secret.data)) for (const [k, v] of Object.entries(secret.data)) setOwn(data, k, v);
  if (isRecord(secret.stringData)) for (const [k, v] of Object.entries(secret.stringData)) if (v !== null && v !== undefined) setOwn(data, k, toBase64(String(v)));
  return data;
}

/** Same bytes: equal base64 text, or equal after decoding (padding, line breaks); `""` and null are both empty. */
export function secretValuesEqual(desired: unknown, live: unknown): boolean {
  const d = desired ?? '';
  const l = live ?? '';
  if (d === l) return true;
  if (typeof d !== 'string' || typeof l !== 'string') return false;
  const b64 = /^[A-Za-z0-9+/=\s]*$/;
  return b64.test(d) && b64.test(l) && Buffer.from(d, 'base64').equals(Buffer.from(l, 'base64'));
}

export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Masks for display, as Argo CD writes them: equal values share a mask, a differing live value gets a longer one. */
export const SECRET_MASK = '++++++++';
export const SECRET_MASK_DIFFERENT = '++++++++++++';

/** Sets a key as an own property, even `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
