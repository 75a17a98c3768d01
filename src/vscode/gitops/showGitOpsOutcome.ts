import * as vscode from 'vscode';
import { GitOpsError } from '../../core/gitops/gitOpsError';
import type { PublishedChange } from '../../core/gitops/publishChange';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import type { GitOpsDeps } from './gitOpsDeps';
import { pullRequestAccess, signInReason, type PullRequestAccess } from './pullRequestAccess';

/**
 * The result as a notification whose buttons are the next step: open the pull request, or —
 * when none could be opened — the pushed branch with the fix (sign in, which then opens it),
 * the compare page and the branch name.
 */
export async function showGitOpsOutcome(deps: GitOpsDeps, rootDir: string, outcome: ChangeOutcome, access?: PullRequestAccess): Promise<void> {
  if (outcome.status !== 'published') return;
  const p = outcome.published;
  const noPrReason = access?.reason;
  deps.log.info(`pushed ${p.branch} (${p.commit}) for ${p.base}${p.pullRequest ? `; pull request #${p.pullRequest.number} ${p.pullRequest.url}` : ''}`);
  if (p.pullRequest) {
    if (p.pullRequest.labelError) deps.log.warn(`labels not added: ${p.pullRequest.labelError}`);
    const verb = p.pullRequest.reused ? 'is already open' : 'opened';
    const labels = p.pullRequest.labelError ? ` Its labels were not added: ${p.pullRequest.labelError}` : '';
    const choice = await deps.ui.notify('info', `Pull request #${p.pullRequest.number} ${verb} for ${p.branch} → ${p.base}.${labels}`, 'Open Pull Request');
    if (choice === 'Open Pull Request') await vscode.env.openExternal(vscode.Uri.parse(p.pullRequest.url));
    return;
  }
  const next = p.resume?.[0] ?? `open a pull request from ${p.branch} into ${p.base}`;
  deps.log.info(`no pull request opened${noPrReason ? ` (${noPrReason})` : ''}; next: ${next}`);
  const url = /^open (https?:\S+)$/.exec(next)?.[1];
  // A sign-in is the usual fix: once it worked, the pull request is opened on the pushed branch.
  const pending = p.pendingPullRequest;
  const fixes = access?.failure && pending ? deps.failures.fixesFor(access.failure) : [];
  const where = url ? 'on the compare page' : `from ${p.branch} into ${p.base}`;
  const how = fixes.length ? `Sign in to GitHub to open it, or open it ${where}` : `Open it ${where}`;
  const choice = await deps.ui.notify(
    'info',
    `Pushed ${p.branch} to origin, but the pull request is not open yet${noPrReason ? `: ${noPrReason}` : ''}. ${how}.`,
    ...fixes.map((f) => f.title),
    ...(url ? ['Open Compare Page'] : []),
    'Copy Branch Name',
  );
  const fix = fixes.find((f) => f.title === choice);
  if (fix && pending) {
    try {
      await fix.run(() => openPendingPullRequest(deps, rootDir, pending));
    } catch (err) {
      // The sign-in failed again: the branch is still pushed, and the same ways forward stand.
      await showGitOpsOutcome(deps, rootDir, outcome, { ...access, reason: signInReason(err), failure: err });
    }
  }
  if (choice === 'Open Compare Page' && url) await vscode.env.openExternal(vscode.Uri.parse(url));
  if (choice === 'Copy Branch Name') await vscode.env.clipboard.writeText(p.branch);
}

/** Opens the pull request of a branch pushed earlier, once the person signed in. */
async function openPendingPullRequest(deps: GitOpsDeps, rootDir: string, pending: NonNullable<PublishedChange['pendingPullRequest']>): Promise<void> {
  const what = `Open the pull request for ${pending.head}`;
  try {
    const access = await pullRequestAccess(rootDir, deps.github);
    if (!access.port) throw access.failure ?? new Error(access.reason ?? 'no pull request access');
    const opened = await access.port.createPullRequest(pending);
    await showGitOpsOutcome(deps, rootDir, {
      status: 'published',
      published: { branch: pending.head, base: pending.base, commit: '', pullRequest: opened },
      patch: '',
      files: [],
    });
  } catch (err) {
    await showGitOpsError(deps, what, err);
  }
}

/** Failures with their reason; after a failed push or PR, the commands that finish the job. */
export async function showGitOpsError(deps: GitOpsDeps, what: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  deps.log.error(`${what}: ${message}`);
  if (err instanceof GitOpsError && err.resume) {
    const steps = err.resume.steps;
    deps.log.info(`to resume: ${steps.join(' ; ')}`);
    // The message says where the commit is; the fixes (copy the resume steps, show the log) come from the failure vocabulary.
    const kept = new GitOpsError(err.kind, `${message}. The commit is kept on the local branch ${err.resume.branch}.`, err.resume);
    // Cancelling is the person's choice, not a failure: what was kept is the news.
    await deps.failures.show(kept, { what, log: deps.log }, err.kind === 'cancelled' ? 'warning' : 'error');
    return;
  }
  await deps.failures.show(err, { what, log: deps.log });
}
