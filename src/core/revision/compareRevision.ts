import { shortRevision, type DeployedRevision } from './deployedRevision';
import { aheadBehind, branchTip, defaultBranch, resolveCommit } from './gitRevisions';

/**
 * Where the deployed revision stands against the branch the environment follows:
 * - latest: it is the branch's tip;
 * - behind: the branch has `behind` commits not deployed yet;
 * - ahead: it descends from the local tip — the local copy is older than what runs (fetch);
 * - diverged: it is not on the branch (deployed from elsewhere, or history was rewritten);
 * - not-in-history: the local repository does not have the commit (fetch, or another repository);
 * - not-a-commit: the revision names no commit (a chart version, an OCI digest);
 * - no-branch: the branch to compare with is not in the local repository.
 */
export type RevisionState = 'latest' | 'behind' | 'ahead' | 'diverged' | 'not-in-history' | 'not-a-commit' | 'no-branch';

export interface RevisionStatus {
  deployed: DeployedRevision;
  state: RevisionState;
  /** The deployed commit's full hash in the local repository. */
  deployedCommit?: string;
  /** The branch compared with: the environment's `branch`, else the repository's default. */
  branch?: string;
  /** The ref its tip was read from (`refs/remotes/origin/main`, else `refs/heads/main`) and that tip. */
  branchRef?: string;
  branchCommit?: string;
  /** Commits on the branch that are not deployed. */
  behind?: number;
  /** Deployed commits the branch (as known locally) does not have. */
  ahead?: number;
}

/** Compares a deployed revision with the local Git history; never throws (Git problems read as unknown). */
export async function compareRevision(rootDir: string, deployed: DeployedRevision, branch?: string, signal?: AbortSignal): Promise<RevisionStatus> {
  if (!deployed.commit) return { deployed, state: 'not-a-commit' };
  const deployedCommit = await resolveCommit(rootDir, deployed.commit, signal).catch(() => undefined);
  const follows = branch ?? (await defaultBranch(rootDir, signal));
  if (!deployedCommit) return { deployed, state: 'not-in-history', ...(follows ? { branch: follows } : {}) };
  const base = { deployed, deployedCommit, ...(follows ? { branch: follows } : {}) };
  const tip = follows ? await branchTip(rootDir, follows, signal) : undefined;
  if (!tip) return { ...base, state: 'no-branch' };
  const at = { ...base, branchRef: tip.ref, branchCommit: tip.commit };
  let counts;
  try {
    counts = await aheadBehind(rootDir, deployedCommit, tip.commit, signal);
  } catch {
    return { ...at, state: 'no-branch' };
  }
  const { onlyA: ahead, onlyB: behind } = counts;
  const state: RevisionState = ahead === 0 && behind === 0 ? 'latest' : ahead === 0 ? 'behind' : behind === 0 ? 'ahead' : 'diverged';
  return { ...at, state, behind, ahead };
}

/**
 * One line for rows, status bar and CLI: `runs a1b2c3d — 3 commits behind main`,
 * `runs a1b2c3d ✓ latest`, `runs a1b2c3d (not in your local history — fetch?)`.
 */
export function describeRevision(status: RevisionStatus): string {
  const runs = `runs ${status.deployedCommit ? status.deployedCommit.slice(0, 7) : shortRevision(status.deployed)}`;
  const branch = status.branch ?? 'its branch';
  switch (status.state) {
    case 'latest':
      return `${runs} ✓ latest`;
    case 'behind':
      return `${runs} — ${status.behind} commit${status.behind === 1 ? '' : 's'} behind ${branch}`;
    case 'ahead':
      return `${runs} — newer than your copy of ${branch} (${status.ahead} commit${status.ahead === 1 ? '' : 's'} ahead — fetch?)`;
    case 'diverged':
      return `${runs} — not on ${branch}`;
    case 'not-in-history':
      return `${runs} (not in your local history — fetch?)`;
    case 'not-a-commit':
      return runs;
    case 'no-branch':
      return status.branch ? `${runs} (branch ${status.branch} is not in your local repository)` : runs;
  }
}

/** `revision` of `youops envs --format json`: the three documented fields, then the details. */
export function revisionJson(status: RevisionStatus | undefined): Record<string, unknown> | null {
  if (!status) return null;
  return {
    deployed: status.deployedCommit ?? status.deployed.commit ?? status.deployed.text,
    source: status.branch ?? null,
    behind: status.state === 'latest' || status.state === 'behind' ? (status.behind ?? 0) : null,
    state: status.state,
    reported: status.deployed.text,
    from: status.deployed.from,
    sourceCommit: status.branchCommit ?? null,
    ahead: status.ahead ?? null,
    text: describeRevision(status),
  };
}
