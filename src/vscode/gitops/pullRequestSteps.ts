import type { Publishing } from '../../core/gitops/publishChange';
import type { ChangeDestination, ChangeOutcome } from '../../core/gitops/runPromotion';
import type { GitOpsDeps } from './gitOpsDeps';
import { pullRequestAccess, type PullRequestAccess } from './pullRequestAccess';
import { showGitOpsOutcome } from './showGitOpsOutcome';

/**
 * What promote and rollback share once the change is computed: the patch and the
 * question before anything is pushed, commit/push/pull request under a cancellable progress,
 * pull-request access (after the push), and the outcome (with why no pull request was opened
 * and how to open it, when none could be).
 */
export function pullRequestSteps(deps: GitOpsDeps, rootDir: string, what: string) {
  let access: PullRequestAccess | undefined;
  /** Cancel stops the push (its process group) or abandons the pull-request request; the commit stays on its branch. */
  const publishing: Publishing = (work) =>
    deps.ui.progress({ title: `YouOps: ${what}`, cancellable: true }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return work({ signal: abort.signal, step: (message) => progress.report({ message: `${message}…` }) });
    });
  return {
    async confirmPatch(title: string, patch: string, question: string, summary: string, where: ChangeDestination): Promise<boolean> {
      await deps.ui.showPatch(title, patch);
      const action = where.origin ? 'Create Pull Request' : 'Commit Locally';
      const detail = where.origin
        ? `${summary}, as in the patch shown. Committed on a new branch (${where.branch}) in a temporary worktree and pushed to origin; your working tree is not touched.`
        : `${summary}, as in the patch shown. This repository has no origin remote: the change is committed on a new local branch (${where.branch}) for you to push; your working tree is not touched.`;
      return (await deps.ui.confirm(question, detail, action)) === action;
    },
    async pullRequests() {
      access = await pullRequestAccess(rootDir, deps.github);
      return access;
    },
    publishing,
    finish: (outcome: ChangeOutcome) => showGitOpsOutcome(deps, rootDir, outcome, access),
  };
}
