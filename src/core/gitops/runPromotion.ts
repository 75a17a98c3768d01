import type { YouOpsConfig } from '../config/types';
import type { RenderContext } from '../kustomize/renderDesiredState';
import { applyPromotion } from './applyPromotion';
import { ChangeWorktree, type ChangeDestination } from './changeWorktree';
import { changeBranchName, promotionText } from './changeText';
import { GitOpsError } from './gitOpsError';
import { planPromotion, type PromotionChange, type PromotionPlan } from './promotionPlan';
import { publishChange, unwatched, type PublishedChange, type Publishing, type PullRequestAccessFn } from './publishChange';

export interface PromotionRun {
  config: YouOpsConfig;
  /** The config's folder in the user's checkout. */
  configRootDir: string;
  to: string;
  from?: string;
  /** `kind/name`. */
  resource?: string;
  /** Render kustomizations (trusted callers): values are edited where the target's overlay sets them, and kustomize checks the result. */
  render?: RenderContext;
  /** The change ids to promote; undefined cancels. */
  select(plan: PromotionPlan): Promise<string[] | undefined>;
  /**
   * Asked when chosen values are set in a file other environments also read (PromotionChange.shared):
   * `edit` edits them there anyway, `skip` promotes the rest, undefined cancels. Without it they are skipped.
   */
  confirmShared?(changes: PromotionChange[]): Promise<'edit' | 'skip' | undefined>;
  /** Sees the exact patch before anything is committed (protected environments ask here); false cancels. */
  confirm(patch: string, changes: PromotionChange[], where: ChangeDestination): Promise<boolean>;
  /** Asked once the branch is pushed (it may sign in); no port = push only, the PR is opened by hand. */
  pullRequests: PullRequestAccessFn;
  /** Watches commit, push and pull request (the editor: a cancellable progress); default: they just run. */
  publishing?: Publishing;
  now?: Date;
  /** How long a push may take before it is killed (default 2 minutes). */
  pushTimeoutMs?: number;
}

export type { ChangeDestination } from './changeWorktree';

export type ChangeOutcome = { status: 'cancelled' } | { status: 'published'; published: PublishedChange; patch: string; files: string[] };

/**
 * Promotion as a pull request: a worktree on a new branch from origin's copy of the
 * target's branch, the plan computed on those files (so the patch is exactly what the PR
 * changes), edits, commit, push, PR. The user's checkout is never written to.
 */
export async function runPromotion(run: PromotionRun): Promise<ChangeOutcome> {
  const target = run.config.environments.find((e) => e.name === run.to);
  if (!target) throw new GitOpsError('invalid', `no environment "${run.to}" in youops.yaml`);
  const from = run.from ?? target.promotesFrom ?? '';
  const wt = await ChangeWorktree.open({ repoDir: run.configRootDir, baseBranch: target.branch, branch: changeBranchName(['promote', from, 'to', run.to], run.now ?? new Date()), pushTimeoutMs: run.pushTimeoutMs });
  try {
    const planOptions = { config: run.config, rootDir: wt.pathFor(run.configRootDir), to: run.to, from: run.from, resource: run.resource, render: run.render };
    const plan = await planPromotion(planOptions);
    // A value in a shared base counts when there is someone to ask about it.
    if (!plan.changes.some((c) => !c.blocked || (c.shared && run.confirmShared))) throw new GitOpsError('nothingToDo', describeNothing(plan));
    let ids = await run.select(plan);
    if (!ids || ids.length === 0) return { status: 'cancelled' };
    const chosenIds = ids;
    const shared = plan.changes.filter((c) => chosenIds.includes(c.id) && c.shared);
    let editShared = false;
    if (shared.length) {
      // Nobody to ask (the CLI): values in a shared base are skipped, as their reason says.
      const answer = run.confirmShared ? await run.confirmShared(shared) : 'skip';
      if (!answer) return { status: 'cancelled' };
      editShared = answer === 'edit';
      if (!editShared) ids = ids.filter((id) => !shared.some((c) => c.id === id));
      if (ids.length === 0) return { status: 'cancelled' };
    }
    const files = applyPromotion(plan, ids, { editShared });
    for (const f of files) await wt.writeFile(f.file, f.after);
    if (run.render) await checkRendered(planOptions, ids);
    const patch = await wt.diff();
    const chosen = plan.changes.filter((c) => ids.includes(c.id));
    if (!(await run.confirm(patch, chosen, wt.destination))) return { status: 'cancelled' };
    const rel = files.map((f) => wt.relative(f.file));
    const text = promotionText(plan.from, plan.to, chosen, rel);
    const published = await (run.publishing ?? unwatched)((watch) => publishChange(wt, text, run.pullRequests, watch));
    return { status: 'published', published, patch, files: rel };
  } finally {
    await wt.dispose();
  }
}

/** kustomize renders the edited worktree: every promoted value must now be what the source has. */
async function checkRendered(options: Parameters<typeof planPromotion>[0], ids: string[]): Promise<void> {
  const after = await planPromotion(options);
  const still = after.changes.filter((c) => ids.includes(c.id));
  if (still.length) {
    const what = still.map((c) => `${c.label} renders as ${JSON.stringify(c.to)}, not ${JSON.stringify(c.from)}`).join('; ');
    throw new GitOpsError('notEditable', `after the edit, kustomize still differs: ${what}; nothing was committed`);
  }
}

function describeNothing(plan: PromotionPlan): string {
  const blocked = plan.changes.filter((c) => c.blocked);
  if (blocked.length) return `nothing ${plan.to} can take from ${plan.from} by editing its files: ${blocked.map((c) => `${c.label} (${c.blocked})`).join('; ')}`;
  return `${plan.to} already matches ${plan.from}; nothing to promote`;
}
