/**
 * Redaction of text that came from a server (GitHub, Argo CD, Slack, webhooks, bots, git
 * remotes) before it is shown, logged or stored: a server may echo the token we sent, or
 * another credential, in an error body. Known secrets are replaced wherever they appear;
 * strings shaped like well-known credentials are replaced even when we did not send them.
 */

const MARK = '[redacted]';

/** Credential shapes: GitHub, GitLab, Slack, JWTs (Argo CD), AWS, Google keys; webhook URLs; URL passwords; bearer values. */
const SHAPES: Array<[RegExp, string]> = [
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})/g, MARK],
  [/\bxox[abposre]-[A-Za-z0-9-]{8,}|\bxapp-[A-Za-z0-9-]{8,}/g, MARK],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, MARK],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}/g, MARK],
  [/(https?:\/\/hooks\.slack\.com\/services\/)[^\s"'<>]+/gi, `$1${MARK}`],
  [/(\/(?:hooks|webhooks|webhookb2)\/)[A-Za-z0-9_@.-]{16,}[^\s"'<>]*/gi, `$1${MARK}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@"'<>]+:[^\s/@"'<>]+@/gi, `$1${MARK}@`],
  [/\b(Bearer|token|Basic)(\s+)[A-Za-z0-9._~+/=-]{16,}/g, `$1$2${MARK}`],
];

export function redactSecrets(text: string, known: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of known) {
    if (!secret || secret.length < 6) continue; // too short to tell from ordinary words
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(MARK);
  }
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}
