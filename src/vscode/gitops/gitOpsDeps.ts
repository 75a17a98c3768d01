import type * as vscode from 'vscode';
import type { GitHubAuth } from '../auth/githubAuth';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { GitOpsPrompter } from './gitOpsPrompter';

/** What the promote and rollback flows use; the prompter is swapped by extension-host tests. */
export interface GitOpsDeps {
  store: WorkspaceStore;
  auth: GitHubAuth;
  log: vscode.LogOutputChannel;
  ui(): GitOpsPrompter;
}
