import * as vscode from 'vscode';
import { argocdTokenSource, registerArgocdTokenCommands } from './vscode/auth/argocdToken';
import { ResourceCodeLensProvider } from './vscode/codelens/resourceCodeLensProvider';
import type { ChatOpsController } from './vscode/chatops/chatOpsController';
import { registerChatOps } from './vscode/chatops/registerChatOps';
import { registerIssueOps, type IssueOpsApi } from './vscode/issueops/registerIssueOps';
import { registerGitOps, type GitOpsApi } from './vscode/gitops/registerGitOps';
import { registerCommands } from './vscode/commands/registerCommands';
import { watchConfig } from './vscode/config/configWatcher';
import { DriftFileDecorationProvider } from './vscode/decorations/driftFileDecorations';
import { trackDraftDrift } from './vscode/decorations/draftDriftTracker';
import { showDriftLineDecorations, type DriftLineDecorations } from './vscode/decorations/driftLineDecorations';
import { showConfigDiagnostics } from './vscode/diagnostics/configDiagnostics';
import { DESIRED_SCHEME, LIVE_SCHEME, ResourceDocumentProvider } from './vscode/diff/liveDocumentProvider';
import { COMMIT_SCHEME, CommitDocumentProvider } from './vscode/history/commitDocumentProvider';
import { DriftHoverProvider } from './vscode/hovers/driftHoverProvider';
import { EnvironmentLog } from './vscode/log/environmentLog';
import { refreshAutomatically } from './vscode/refresh/autoRefresh';
import { showEnvironmentStatusBar } from './vscode/statusbar/environmentStatusBar';
import { WorkspaceStore } from './vscode/store/workspaceStore';
import { YAML_AND_JSON_FILES } from './vscode/util/documentSelectors';
import { registerReadOnlyDocuments } from './vscode/util/readOnlyDocuments';
import { registerValidation, type ValidationApi } from './vscode/validation/registerValidation';
import type { EnvironmentsTreeProvider } from './vscode/tree/environmentsTreeProvider';
import type { TreeNode } from './vscode/tree/treeNodes';
import { registerEnvironmentsView } from './vscode/tree/registerEnvironmentsView';

/** What the extension hands to other extensions and to its own tests. */
export interface YouOpsApi {
  store: WorkspaceStore;
  tree: EnvironmentsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  validation: ValidationApi;
  decorations: DriftLineDecorations;
  environmentLog: EnvironmentLog;
  /** Milliseconds `activate` took (wiring only; the first load runs after it returns). */
  activationMs: number;
  chatops: ChatOpsController;
  issueops: IssueOpsApi;
  gitops: GitOpsApi;
}

/** Wires core → store → views. Does no I/O itself: the first reload runs after activation returns. */
export function activate(context: vscode.ExtensionContext): YouOpsApi {
  const started = performance.now();
  const store = new WorkspaceStore(argocdTokenSource(context.secrets));
  const documents = new ResourceDocumentProvider(store);
  const view = registerEnvironmentsView(store);
  const validation = registerValidation(context, store);
  const decorations = showDriftLineDecorations(store);
  const environmentLog = new EnvironmentLog(store);
  context.subscriptions.push(
    store,
    view.disposable,
    watchConfig(store),
    showConfigDiagnostics(store),
    registerCommands(store, view, validation),
    registerArgocdTokenCommands(context.secrets, () => argocdServers(store), () => store.refresh()),
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, documents),
    vscode.workspace.registerTextDocumentContentProvider(DESIRED_SCHEME, documents),
    decorations,
    environmentLog,
    vscode.commands.registerCommand('youops.showLog', () => environmentLog.show()),
    trackDraftDrift(store),
    vscode.window.registerFileDecorationProvider(new DriftFileDecorationProvider(store)),
    vscode.languages.registerCodeLensProvider(YAML_AND_JSON_FILES, new ResourceCodeLensProvider(store)),
    vscode.languages.registerHoverProvider(YAML_AND_JSON_FILES, new DriftHoverProvider(store)),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocumentProvider(store)),
    refreshAutomatically(store),
    registerReadOnlyDocuments(),
    showEnvironmentStatusBar(store),
  );
  const chatops = registerChatOps(context, store, view.provider);
  const issueops = registerIssueOps(context, store, view.provider);
  const gitops = registerGitOps(context, store);
  void store.reload();
  return { store, tree: view.provider, treeView: view.view, validation, decorations, environmentLog, chatops, issueops, gitops, activationMs: performance.now() - started };
}

function argocdServers(store: WorkspaceStore): string[] {
  const state = store.state;
  if (state.kind !== 'ready') return [];
  return state.config.environments.flatMap((e) => (e.live?.provider === 'argocd' ? [e.live.server] : []));
}

export function deactivate(): void {
  /* subscriptions are disposed by VS Code */
}
