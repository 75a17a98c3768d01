import * as vscode from 'vscode';
import { registerChatOps } from './vscode/chatops/registerChatOps';
import { registerEnvironments } from './vscode/environments/registerEnvironments';
import { registerGitOps } from './vscode/gitops/registerGitOps';
import { registerIssueOps } from './vscode/issueops/registerIssueOps';
import { createServices } from './vscode/shared/services';
import type { WorkspaceState } from './vscode/shared/store/workspaceState';
import type { Questions } from './vscode/shared/ui/ui';
import { registerValidation } from './vscode/validation/registerValidation';

/** What other extensions may rely on: the workspace as YouOps sees it, read-only, and a refresh. */
export interface YouOpsApi {
  /** youops.yaml, the environments and their drift; replaced (never mutated) on every change. */
  readonly state: WorkspaceState;
  readonly onDidChangeState: vscode.Event<WorkspaceState>;
  /** Re-evaluates one environment, or all of them. */
  refresh(env?: string): Promise<void>;
}

/** Handles for the extension's own extension-host tests; the object exists only in ExtensionMode.Test. */
export type YouOpsTestHandles = ReturnType<typeof wire> & {
  /** Milliseconds `activate` took (wiring only; the first load runs after it returns). */
  activationMs: number;
  /** Answers every question and records every notification instead of the window (undefined restores it). */
  answerWith(questions: Questions | undefined): void;
};

function wire(context: vscode.ExtensionContext) {
  const services = createServices(context);
  // Features add their sections to the Environments view before it is built; none imports another.
  const validation = registerValidation(services);
  const chatops = registerChatOps(services);
  const issueops = registerIssueOps(services);
  const gitops = registerGitOps(services);
  const environments = registerEnvironments(services);
  return { services, store: services.store, ...environments, validation, chatops, issueops, gitops };
}

/** Wires core → store → views. Does no I/O itself: the first reload runs after activation returns. */
export function activate(context: vscode.ExtensionContext): YouOpsApi {
  const started = performance.now();
  const wired = wire(context);
  const { store, ui } = wired.services;
  void store.reload();
  const api: YouOpsApi = {
    get state() {
      return store.state;
    },
    onDidChangeState: store.onDidChange,
    refresh: (env) => store.refresh(env),
  };
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testing: YouOpsTestHandles = { ...wired, activationMs: performance.now() - started, answerWith: (q) => ui.answerWith(q) };
  return Object.assign(api, { testing });
}

export function deactivate(): void {
  /* subscriptions are disposed by VS Code */
}
