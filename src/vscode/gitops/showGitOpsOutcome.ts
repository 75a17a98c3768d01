import * as vscode from 'vscode';
import { GitOpsError } from '../../core/gitops/gitOpsError';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import type { GitOpsDeps } from './gitOpsDeps';

/** The result as a notification whose button is the next step (open the PR, or finish by hand). */
export async function showGitOpsOutcome(deps: GitOpsDeps, outcome: ChangeOutcome, noPrReason?: string): Promise<void> {
  if (outcome.status !== 'published') return;
  const p = outcome.published;
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
  const choice = await deps.ui.notify(
    'info',
    `Pushed ${p.branch} to origin${noPrReason ? `; no pull request: ${noPrReason}` : ''}. Open the pull request to ${p.base} to finish.`,
    ...(url ? ['Open on GitHub'] : []),
    'Copy Branch Name',
  );
  if (choice === 'Open on GitHub' && url) await vscode.env.openExternal(vscode.Uri.parse(url));
  if (choice === 'Copy Branch Name') await vscode.env.clipboard.writeText(p.branch);
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
