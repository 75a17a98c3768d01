import * as path from 'node:path';
import * as vscode from 'vscode';
import { AuditTrail } from './auditTrail';
import { Commands } from './commands/commands';
import { Failures } from './commands/failures';
import { GitHubAccess } from './github/gitHubAccess';
import { Secrets } from './secrets';
import { watchConfig } from './store/configWatcher';
import { watchDrafts } from './store/draftWatcher';
import { WorkspaceStore } from './store/workspaceStore';
import type { EnvironmentSection } from './tree/environmentSection';
import { Ui } from './ui/uiSeam';

/**
 * What every feature is given, created once per window: the store (the only producer of
 * workspace state), the UI seam, the GitHub access, the secrets, the audit log, the command wrapper with
 * its failure vocabulary, and the sections features add to the Environments view.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly store: WorkspaceStore;
  readonly ui: Ui;
  readonly github: GitHubAccess;
  readonly secrets: Secrets;
  /** The audit log of everything sent on the person's behalf (ChatOps commands, agent operations). */
  readonly audit: AuditTrail;
  readonly failures: Failures;
  readonly commands: Commands;
  /** Sections of the Environments view, in the order features add them. */
  readonly sections: EnvironmentSection[];
}

export function createServices(context: vscode.ExtensionContext): Services {
  const ui = new Ui();
  const secrets = new Secrets(context.secrets, ui);
  const store = new WorkspaceStore(secrets.lookup);
  const githubLog = vscode.window.createOutputChannel('YouOps GitHub', { log: true });
  const github = new GitHubAccess(store, githubLog);
  const failures = new Failures(ui, github);
  const commands = new Commands(store, failures);
  const audit = new AuditTrail(path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'chatops-audit.jsonl'));
  context.subscriptions.push(ui, store, githubLog, github, commands, audit, watchConfig(store), watchDrafts(store));
  return { context, store, ui, github, secrets, audit, failures, commands, sections: [] };
}
