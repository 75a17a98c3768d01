import * as vscode from 'vscode';
import { GitHubError } from '../../core/github/githubError';
import type { IssueTemplate } from '../../core/issueops/issueTemplate';
import { describeDropped, submitTicket } from '../../core/issueops/submitTicket';
import type { TicketDraft } from '../../core/issueops/ticketDraft';
import { showIssueOpsError, type IssueOpsDeps } from './issueOpsDeps';
import { fillTicketForm } from './ticketForm';

/** Drafts being sent right now: a double click or a second command joins the first attempt. */
const inflight = new Map<string, Promise<void>>();

/**
 * Sends a draft once. It is saved before the request and removed only after
 * GitHub confirmed the issue; on failure it stays, with the error, for resending.
 */
export function sendDraft(deps: IssueOpsDeps, draft: TicketDraft, template: IssueTemplate | undefined): Promise<void> {
  const running = inflight.get(draft.id);
  if (running) return running;
  const p = send(deps, draft, template).finally(() => inflight.delete(draft.id));
  inflight.set(draft.id, p);
  return p;
}

async function send(deps: IssueOpsDeps, draft: TicketDraft, template: IssueTemplate | undefined): Promise<void> {
  await deps.drafts.save(draft);
  const abort = new AbortController();
  try {
    // Signed in before the progress starts: a sign-in waiting on the browser is not "Creating the issue…".
    const { client, repo } = await deps.github.connect(true);
    // Cancel abandons the request (and its retries); the draft stays, and resending finds an issue GitHub created meanwhile.
    const issue = await deps.ui.progress({ title: `Creating the issue in ${draft.repo}…`, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      return submitTicket(client, repo, draft, template, { persist: (d) => deps.drafts.save(d), signal: abort.signal });
    });
    await deps.drafts.delete(draft.id);
    deps.log.info(`${issue.reused ? 'found earlier' : 'created'} issue #${issue.number} for draft ${draft.id}`);
    void deps.tickets.refresh();
    const dropped = describeDropped(issue.dropped);
    if (dropped) {
      deps.log.warn(`issue #${issue.number}: ${dropped}`);
      void deps.ui.notify('warning', `#${issue.number}: ${dropped}`);
    }
    // Not awaited: the command is done once GitHub confirmed; the notification stays for the person.
    void deps.ui
      .notify('info', `${issue.reused ? 'The ticket already existed' : 'Created'}: #${issue.number} ${issue.title}`, 'Open in Browser')
      .then((choice) => {
        if (choice === 'Open in Browser') void vscode.env.openExternal(vscode.Uri.parse(issue.htmlUrl));
      });
  } catch (err) {
    // submitTicket counted the attempt (and stored it) before the request left.
    draft.lastError = abort.signal.aborted ? 'cancelled while creating the issue' : err instanceof Error ? err.message : String(err);
    await deps.drafts.save(draft);
    if (abort.signal.aborted) {
      deps.log.info(`ticket draft ${draft.id}: creating the issue was cancelled; the draft is kept`);
      void deps.ui
        .notify(
          'warning',
          `Cancelled: "${draft.title}" is kept as a draft with everything you entered. If GitHub created the issue before the cancel, resending finds it instead of creating a second one.`,
          'Resend',
          'Edit Draft',
        )
        .then((choice) => resendChoice(draft, choice));
      return;
    }
    deps.log.warn(`ticket draft ${draft.id} not sent: ${draft.lastError}`);
    const retryable = !(err instanceof GitHubError && err.kind === 'tooLarge');
    // Saved with the error: a fix (a new sign-in) resends it, nothing typed is lost.
    void showIssueOpsError(deps, err, {
      what: `Ticket "${draft.title}" not sent`,
      kept: `It is kept as a draft${retryable ? ': Resend sends it again' : ''} ("YouOps: Resend Ticket Draft…" lists every draft).`,
      actions: retryable ? ['Resend', 'Edit Draft'] : ['Edit Draft'],
      retry: () => sendDraft(deps, draft, template),
    }).then((choice) => resendChoice(draft, choice));
  }
}

function resendChoice(draft: TicketDraft, choice: string | undefined): void {
  if (choice === 'Resend') void vscode.commands.executeCommand('youops.resendTicketDraft', draft.id);
  if (choice === 'Edit Draft') void vscode.commands.executeCommand('youops.resendTicketDraft', draft.id, 'edit');
}

/** The form, then sending; used for new tickets and for editing kept drafts. */
export async function editAndSend(deps: IssueOpsDeps, draft: TicketDraft, template: IssueTemplate | undefined): Promise<void> {
  const untouched = JSON.stringify(draft);
  const result = await fillTicketForm(draft, template, deps.preview, deps.ui);
  if (result === 'send') return sendDraft(deps, draft, template);
  if (result === 'saveDraft' || JSON.stringify(draft) !== untouched || draft.attempts > 0) {
    await deps.drafts.save(draft);
    if (result === 'cancel') void deps.ui.notify('info', 'Ticket kept as a draft: "YouOps: Resend Ticket Draft…" picks it up again.');
  }
}
