import type { YouOpsConfig } from '../config/types';
import type { CommitInfo } from '../git/history';
import { ChangeWorktree } from './changeWorktree';
import { changeBranchName, rollbackText, type RollbackMode } from './changeText';
import { GitOpsError } from './gitOpsError';
import { publishChange, unwatched } from './publishChange';
import { applyRollback, environmentPathspecs } from './rollbackChange';
import type { ChangeDestination, ChangeOutcome, PromotionRun } from './runPromotion';

export interface RollbackRun {
  config: YouOpsConfig;
  configRootDir: string;
  env: string;
  commit: CommitInfo;
  mode: RollbackMode;
  /** Sees the exact patch first; false cancels. */
  confirm(patch: string, files: string[], where: ChangeDestination): Promise<boolean>;
  pullRequests: PromotionRun['pullRequests'];
  publishing?: PromotionRun['publishing'];
  now?: Date;
  pushTimeoutMs?: number;
}

/** Rollback as a pull request: the reverse change for the environment's paths only, in a worktree. */
export async function runRollback(run: RollbackRun): Promise<ChangeOutcome> {
  const env = run.config.environments.find((e) => e.name === run.env);
  if (!env) throw new GitOpsError('invalid', `no environment "${run.env}" in youops.yaml`);
  const wt = await ChangeWorktree.open({ repoDir: run.configRootDir, baseBranch: env.branch, branch: changeBranchName(['rollback', env.name, run.commit.shortHash], run.now ?? new Date()), pushTimeoutMs: run.pushTimeoutMs });
  try {
    const files = await applyRollback(wt, run.commit.hash, environmentPathspecs(wt, run.configRootDir, env.manifests), run.mode);
    const patch = await wt.diff();
    if (!(await run.confirm(patch, files, wt.destination))) return { status: 'cancelled' };
    const text = rollbackText(env.name, run.commit, run.mode, files);
    const published = await (run.publishing ?? unwatched)((watch) => publishChange(wt, text, run.pullRequests, watch));
    return { status: 'published', published, patch, files };
  } finally {
    await wt.dispose();
  }
}
