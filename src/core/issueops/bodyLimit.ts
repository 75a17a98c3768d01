/** GitHub refuses issue and comment bodies longer than this (in characters). */
export const MAX_BODY_CHARS = 65_536;

/** Undefined when the body fits; otherwise a message saying by how much it is too long. */
export function checkBodyLength(body: string, what = 'The ticket body'): string | undefined {
  // GitHub counts UTF-16 code units like JavaScript's length.
  if (body.length <= MAX_BODY_CHARS) return undefined;
  return `${what} has ${body.length.toLocaleString('en-US')} characters; GitHub accepts at most ${MAX_BODY_CHARS.toLocaleString('en-US')} (${(body.length - MAX_BODY_CHARS).toLocaleString('en-US')} too many). Shorten the longest field and send again.`;
}
