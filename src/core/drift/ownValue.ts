/**
 * A key's own value, or undefined. What Object.prototype lends (`constructor`, `toString`,
 * `__proto__`) is a function or the prototype itself, never a value read from YAML or JSON:
 * only then is the own-property check needed, so ordinary keys cost a plain read.
 */
export function ownValue(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  if (typeof value !== 'function' && value !== Object.prototype) return value;
  return Object.hasOwn(record, key) ? value : undefined;
}
