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

/** A failure of an IssueOps step, with the caller's own buttons first; resolves with the one chosen. */
export function showIssueOpsError(deps: IssueOpsDeps, err: unknown, actions: string[] = [], retry?: () => unknown): Promise<string | undefined> {
  return deps.failures.show(err, { what: 'YouOps', actions, retry });
}
