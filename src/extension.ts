import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { watchConfig } from './vscode/config/configWatcher';
import { showConfigDiagnostics } from './vscode/diagnostics/configDiagnostics';
import { DESIRED_SCHEME, LIVE_SCHEME, ResourceDocumentProvider } from './vscode/diff/liveDocumentProvider';
import { WorkspaceStore } from './vscode/store/workspaceStore';
import type { EnvironmentsTreeProvider } from './vscode/tree/environmentsTreeProvider';
import { registerEnvironmentsView } from './vscode/tree/registerEnvironmentsView';

/** What the extension hands to other extensions and to its own tests. */
export interface YouOpsApi {
  store: WorkspaceStore;
  tree: EnvironmentsTreeProvider;
}

/** Wires core → store → views. Does no I/O itself: the first reload runs after activation returns. */
export function activate(context: vscode.ExtensionContext): YouOpsApi {
  const store = new WorkspaceStore();
  const documents = new ResourceDocumentProvider(store);
  const view = registerEnvironmentsView(store);
  context.subscriptions.push(
    store,
    view.disposable,
    watchConfig(store),
    showConfigDiagnostics(store),
    registerCommands(store),
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, documents),
    vscode.workspace.registerTextDocumentContentProvider(DESIRED_SCHEME, documents),
  );
  void store.reload();
  return { store, tree: view.provider };
}

export function deactivate(): void {
  /* subscriptions are disposed by VS Code */
}
