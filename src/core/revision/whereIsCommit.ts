import { readOnlyGit } from '../git/readOnlyGit';
import { shortRevision, type DeployedRevision } from './deployedRevision';
import { aheadBehind, branchTip, defaultBranch, isAncestor, resolveCommit } from './gitRevisions';

/**
 * Where a commit is, per environment:
 * - deployed: the deployed revision is this commit or descends from it;
 * - pending: the commit is on the environment's branch, not deployed yet (`behind` commits to go, itself included);
 * - not-on-branch: the environment's branch does not have it, so it will not be deployed there as it is;
 * - unknown: no deployed revision to compare with (`reason` says why).
 */
export type CommitPlacement = 'deployed' | 'pending' | 'not-on-branch' | 'unknown';

export interface EnvironmentPlacement {
  env: string;
  placement: CommitPlacement;
  branch?: string;
  deployed?: DeployedRevision;
  /** The deployed commit's full hash in the local repository. */
  deployedCommit?: string;
  /** pending: commits between the deployed revision and this commit, this one included. */
  behind?: number;
  /** unknown: why there is nothing to compare with. */
  reason?: string;
}

export interface CommitWhereabouts {
  commit: string;
  subject: string;
  environments: EnvironmentPlacement[];
}

/** One environment's deployed revision as its live source reported it, or why it could not. */
export interface DeployedRevisionReport {
  env: string;
  /** The environment's `branch`; the repository's default branch when absent. */
  branch?: string;
  deployed: DeployedRevision | undefined | Error;
}

/** "Is my commit live?" for every environment. Throws when `commitish` names no local commit. */
export async function whereIsCommit(rootDir: string, commitish: string, reports: readonly DeployedRevisionReport[], signal?: AbortSignal): Promise<CommitWhereabouts> {
  const commit = /^[A-Za-z0-9._/@^~{}-]+$/.test(commitish) && !commitish.startsWith('-') ? await resolveCommit(rootDir, commitish, signal) : undefined;
  if (!commit) throw new Error(`no commit "${commitish}" in the local repository (fetch, or check the hash)`);
  const subject = (await readOnlyGit(rootDir, ['log', '-1', '--format=%s', commit], { signal })).trim();
  let fallbackBranch: Promise<string | undefined> | undefined;
  const environments: EnvironmentPlacement[] = [];
  for (const report of reports) {
    const branch = report.branch ?? (await (fallbackBranch ??= defaultBranch(rootDir, signal)));
    environments.push(await place(rootDir, commit, report, branch, signal));
  }
  return { commit, subject, environments };
}

async function place(rootDir: string, commit: string, report: DeployedRevisionReport, branch: string | undefined, signal?: AbortSignal): Promise<EnvironmentPlacement> {
  const base = { env: report.env, ...(branch ? { branch } : {}) };
  const { deployed } = report;
  if (deployed instanceof Error) return { ...base, placement: 'unknown', reason: deployed.message };
  if (!deployed) return { ...base, placement: 'unknown', reason: 'its live source reports no deployed revision' };
  const known = { ...base, deployed };
  if (!deployed.commit) return { ...known, placement: 'unknown', reason: `it runs ${deployed.text}, which names no commit` };
  const deployedCommit = await resolveCommit(rootDir, deployed.commit, signal);
  if (!deployedCommit) return { ...known, placement: 'unknown', reason: `it runs ${shortRevision(deployed)}, which is not in your local history — fetch?` };
  const at = { ...known, deployedCommit };
  if (await isAncestor(rootDir, commit, deployedCommit, signal)) return { ...at, placement: 'deployed' };
  const tip = branch ? await branchTip(rootDir, branch, signal) : undefined;
  if (!tip) return { ...at, placement: 'unknown', reason: branch ? `branch ${branch} is not in your local repository` : 'it follows no branch YouOps can find' };
  if (!(await isAncestor(rootDir, commit, tip.commit, signal))) return { ...at, placement: 'not-on-branch' };
  const { onlyB } = await aheadBehind(rootDir, deployedCommit, commit, signal);
  return { ...at, placement: 'pending', behind: onlyB };
}

/** `deployed (runs f00ba12)`, `pending — 3 commits to go (runs 1234567)`, `not on main`, `unknown: …`. */
export function describePlacement(p: EnvironmentPlacement): string {
  const runs = p.deployedCommit ? ` (runs ${p.deployedCommit.slice(0, 7)})` : '';
  switch (p.placement) {
    case 'deployed':
      return `deployed${runs}`;
    case 'pending':
      return `pending — ${p.behind} commit${p.behind === 1 ? '' : 's'} behind${runs}`;
    case 'not-on-branch':
      return `not on ${p.branch ?? 'its branch'}${runs}`;
    case 'unknown':
      return `unknown: ${p.reason}`;
  }
}
