/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`) as exact rationals, so
 * `cpu: 1`, `"1"` and `1000m` compare equal without float rounding.
 */
export interface Quantity {
  /** value = numerator / denominator, denominator > 0 */
  numerator: bigint;
  denominator: bigint;
}

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const DECIMAL_EXPONENTS: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// Sign, digits, then either an exponent (`e3`, `E-2`) or a suffix. `E` alone is exa.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** Exponents beyond this are not real quantities and would build huge BigInts. */
const MAX_EXPONENT = 400;

export function parseQuantity(value: unknown): Quantity | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    value = String(value); // shortest round-trip form, e.g. 0.5 or 1e+21
  }
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const [, sign, number, exponentText, suffix = ''] = m;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let exponent = -fraction.length;
  if (exponentText !== undefined) exponent += Number(exponentText);
  else if (suffix in BINARY_SUFFIXES) numerator *= BINARY_SUFFIXES[suffix];
  else exponent += DECIMAL_EXPONENTS[suffix];
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  return exponent >= 0
    ? { numerator: numerator * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator, denominator: 10n ** BigInt(-exponent) };
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Parsed quantities by their text: manifests repeat the same few (`500m`, `1Gi`); bounded. */
const parsed = new Map<string | number, Quantity | undefined>();

function cachedQuantity(value: unknown): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (parsed.has(value)) return parsed.get(value);
  const q = parseQuantity(value);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(value, q);
  return q;
}

/** True only when both parse and have the same value. */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const qa = cachedQuantity(a);
  const qb = cachedQuantity(b);
  return qa !== undefined && qb !== undefined && compareQuantities(qa, qb) === 0;
}
