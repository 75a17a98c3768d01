import type { Publishing } from '../../core/gitops/publishChange';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import type { GitOpsDeps } from './gitOpsDeps';
import { pullRequestAccess } from './pullRequestAccess';
import { showGitOpsOutcome } from './showGitOpsOutcome';

/**
 * What promote and rollback share once the change is computed: the patch and the
 * question before anything is pushed, pull-request access, commit/push/pull request under a
 * cancellable progress, and the outcome (with why no pull request was opened, when none could be).
 */
export function pullRequestSteps(deps: GitOpsDeps, rootDir: string, what: string) {
  let noPrReason: string | undefined;
  /** Cancel stops the push (its process group) or abandons the pull-request request; the commit stays on its branch. */
  const publishing: Publishing = (work) =>
    deps.ui.progress({ title: `YouOps: ${what}`, cancellable: true }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return work({ signal: abort.signal, step: (message) => progress.report({ message: `${message}…` }) });
    });
  return {
    async confirmPatch(title: string, patch: string, question: string, summary: string): Promise<boolean> {
      await deps.ui.showPatch(title, patch);
      const action = 'Create Pull Request';
      const detail = `${summary}, as in the patch shown. Committed on a new branch in a temporary worktree and pushed to origin; your working tree is not touched.`;
      return (await deps.ui.confirm(question, detail, action)) === action;
    },
    async pullRequests() {
      const access = await pullRequestAccess(rootDir, deps.github);
      noPrReason = access.reason;
      return access;
    },
    publishing,
    finish: (outcome: ChangeOutcome) => showGitOpsOutcome(deps, outcome, noPrReason),
  };
}
