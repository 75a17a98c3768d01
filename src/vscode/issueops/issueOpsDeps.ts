import type * as vscode from 'vscode';
import type { Failures } from '../shared/commands/failures';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';
import type { DraftStore } from './draftStore';
import type { TicketPreviewProvider } from './ticketPreview';
import type { TicketsStore } from './ticketsStore';

/** What the IssueOps flows use. */
export interface IssueOpsDeps {
  store: WorkspaceStore;
  ui: Ui;
  failures: Failures;
  github: GitHubAccess;
  drafts: DraftStore;
  preview: TicketPreviewProvider;
  tickets: TicketsStore;
  log: vscode.LogOutputChannel;
}

/**
 * A failure of an IssueOps step: what happened, what was kept (`kept`), the fix (which runs
 * `retry` once it worked) and the caller's own buttons; resolves with the one chosen.
 */
export function showIssueOpsError(
  deps: IssueOpsDeps,
  err: unknown,
  options: { what?: string; kept?: string; actions?: string[]; retry?: () => unknown } = {},
): Promise<string | undefined> {
  return deps.failures.show(err, { what: options.what ?? 'YouOps', kept: options.kept, actions: options.actions, retry: options.retry });
}
