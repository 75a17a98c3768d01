/**
 * What a live source says is running: the revision as the agent writes it, and the Git
 * commit inside it when it names one. The comparison with the branch lives in
 * compareRevision; this file only reads the agents' formats.
 */
export interface DeployedRevision {
  /** As the source reports it: `main@sha1:a1b2…`, a commit hash, a chart version. */
  text: string;
  /** The Git commit it names (full or abbreviated hex); absent for a chart version or an OCI digest. */
  commit?: string;
  /** The branch or tag named beside the commit (`main` of `main@sha1:…`). */
  ref?: string;
  /** Where it was read, for messages: `Flux Kustomization flux-system/prod`, `REVISION file`, … */
  from: string;
}

const HEX_COMMIT = /^[0-9a-f]{7,64}$/i;

/**
 * Reads the revision formats of the agents:
 * - Flux ≥ 2.0: `main@sha1:<sha>`, `v1.2.0@sha1:<sha>`, `sha1:<sha>` (a bare commit checkout), and
 *   for OCI `latest@sha256:<digest>` (not a commit);
 * - Flux < 2.0: `main/<sha>`;
 * - Argo CD, `git rev-parse HEAD`: a bare 40 (or 64) hex commit.
 * Anything else (a chart version `6.5.3`) is kept as text without a commit.
 */
export function parseRevision(raw: string, from: string): DeployedRevision | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const at = /^(?:(.+)@)?(sha1|sha256):([0-9a-f]+)$/i.exec(text);
  if (at) {
    // sha256 with a ref is an OCI artifact digest; sha256 without one is a SHA-256 Git commit.
    const isGitCommit = at[2].toLowerCase() === 'sha1' || (!at[1] && at[3].length === 64);
    return { text, from, ...(at[1] ? { ref: at[1] } : {}), ...(isGitCommit && HEX_COMMIT.test(at[3]) ? { commit: at[3].toLowerCase() } : {}) };
  }
  const legacy = /^(.+)\/([0-9a-f]{40}|[0-9a-f]{64})$/i.exec(text);
  if (legacy) return { text, from, ref: legacy[1], commit: legacy[2].toLowerCase() };
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(text)) return { text, from, commit: text.toLowerCase() };
  return { text, from };
}

/**
 * A Helm chart version built from a Git source by Flux with `reconcileStrategy: Revision`
 * carries the commit as build metadata: `6.5.3+a1b2c3d4e5f6`. Only then is the suffix a
 * commit; for OCI charts the same place holds a digest, so callers say which case it is.
 */
export function chartVersionRevision(version: string, from: string, suffixIsCommit: boolean): DeployedRevision {
  const plus = /\+([0-9a-f]{7,40})$/i.exec(version.trim());
  return { text: version.trim(), from, ...(suffixIsCommit && plus ? { commit: plus[1].toLowerCase() } : {}) };
}

/** `a1b2c3d` of a commit, or the text itself for a revision without one. */
export function shortRevision(revision: DeployedRevision): string {
  return revision.commit ? revision.commit.slice(0, 7) : revision.text;
}
