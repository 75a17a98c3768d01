import * as vscode from 'vscode';
import { GitHubError } from '../../core/github/githubError';
import { IssueOpsError } from './issueOpsError';
import { windowPrompts, type TicketPrompts } from './ticketPrompts';

/** Shows a failure with the action that fixes it (trust, sign in, settings); returns the chosen action. */
export async function showIssueOpsError(err: unknown, extra: string[] = [], ui: TicketPrompts = windowPrompts): Promise<string | undefined> {
  const message = err instanceof Error ? err.message : String(err);
  const actions = [...extra];
  if (err instanceof IssueOpsError && err.kind === 'untrusted') actions.push('Manage Workspace Trust');
  if (err instanceof IssueOpsError && err.kind === 'signedOut') actions.push('Sign in to GitHub');
  if (err instanceof IssueOpsError && (err.kind === 'noRepo' || err.kind === 'noConfig')) actions.push('Open youops.yaml');
  if (err instanceof GitHubError && err.kind === 'network') actions.push('Open Proxy Settings');
  const choice = await ui.notify('error', `YouOps: ${message}`, ...actions);
  switch (choice) {
    case 'Manage Workspace Trust':
      await vscode.commands.executeCommand('workbench.trust.manage');
      break;
    case 'Sign in to GitHub':
      await vscode.commands.executeCommand('youops.signInToGitHub');
      break;
    case 'Open youops.yaml':
      await vscode.commands.executeCommand('youops.openConfig');
      break;
    case 'Open Proxy Settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      break;
  }
  return choice;
}
