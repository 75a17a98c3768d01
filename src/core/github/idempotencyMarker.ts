/**
 * A hidden HTML comment carrying a client-chosen key. GitHub renders nothing for
 * it, and finding it in a recent issue or comment proves an earlier attempt got
 * through even when its response was lost — so a retry never posts twice.
 */
const PREFIX = '<!-- youops:idempotency-key=';
const SUFFIX = ' -->';

export function idempotencyMarker(key: string): string {
  if (!/^[\w.:-]{6,100}$/.test(key)) throw new Error(`invalid idempotency key: ${key}`);
  return `${PREFIX}${key}${SUFFIX}`;
}

/**
 * Puts the marker in front of the body unless it already carries it: issue-form parsers
 * ignore text before the first `### ` heading, while a marker after the last field would
 * become part of that field's answer.
 */
export function withIdempotencyMarker(body: string, key: string): string {
  const marker = idempotencyMarker(key);
  if (body.includes(marker)) return body;
  return body ? `${marker}\n${body}` : marker;
}

export function hasIdempotencyMarker(body: string | undefined, key: string): boolean {
  return !!body && body.includes(idempotencyMarker(key));
}

/** The key in a body, if any. */
export function readIdempotencyKey(body: string | undefined): string | undefined {
  return body ? /<!-- youops:idempotency-key=([\w.:-]+) -->/.exec(body)?.[1] : undefined;
}
