import * as vscode from 'vscode';
import { YAML_AND_JSON_FILES } from '../shared/documentSelectors';
import { setContextKey } from '../shared/contextKeys';
import type { Services } from '../shared/services';
import { shownState } from '../shared/store/workspaceState';
import type { TreeNode } from '../shared/tree/treeNodes';
import { registerAgentCommands } from './agent/agentCommands';
import { AgentOperations } from './agent/agentOperations';
import { AgentSection } from './agent/agentSection';
import { setArgocdToken } from './argocdTokens';
import { showConfigDiagnostics } from './config/configDiagnostics';
import { createConfig } from './config/createConfig';
import { openConfig } from './config/openConfig';
import { completeWalkthroughSteps } from './config/walkthroughProgress';
import { ResourceDocumentProvider } from './diff/resourceDocuments';
import { revealResource } from './diff/revealResource';
import { showDrift } from './diff/showDrift';
import { DriftFileDecorationProvider } from './editor/driftFileDecorations';
import { DriftHoverProvider } from './editor/driftHovers';
import { showDriftLineDecorations, type DriftLineDecorations } from './editor/driftLineDecorations';
import { ResourceCodeLensProvider } from './editor/resourceCodeLenses';
import { EnvironmentLog } from './environmentLog';
import { COMMIT_SCHEME, CommitDocumentProvider } from './history/commitDocuments';
import { showCommit } from './history/showCommit';
import { showWhereIsCommit } from './history/whereIsCommit';
import { refreshAutomatically } from './refresh/autoRefresh';
import { showKustomizeDiagnostics } from './rendering/kustomizeDiagnostics';
import { showNotRenderedNotice } from './rendering/notRenderedNotice';
import { runOperation } from './runOperation';
import { showEnvironmentStatusBar } from './statusBar';
import { EnvironmentsTreeProvider } from './tree/environmentsTreeProvider';
import { createEnvironmentsView } from './tree/environmentsView';
import { revealInTree, revealNode } from './tree/revealInTree';

/** What the environments feature hands to the extension-host tests. */
export interface EnvironmentsHandles {
  tree: EnvironmentsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  decorations: DriftLineDecorations;
  /** The Explorer's file badges and the tree rows' colours. */
  fileDecorations: DriftFileDecorationProvider;
  environmentLog: EnvironmentLog;
  agent: AgentOperations;
  statusBar: vscode.StatusBarItem;
}

/**
 * Environments: the tree and its sections, drift in the editor (decorations, lenses, hovers,
 * file badges, status bar), desired ↔ live diffs, history and where a commit is deployed,
 * refresh, youops.yaml's and kustomize's problems, the GitOps agent's state and operations,
 * and their commands.
 */
export function registerEnvironments(services: Services): EnvironmentsHandles {
  const { context, store, ui, secrets, commands } = services;
  const agent = new AgentOperations(services);
  const tree = new EnvironmentsTreeProvider(store);
  // The agent's row first: the environment's own operations, then what other features add.
  tree.addSection(new AgentSection(store, agent));
  for (const section of services.sections) tree.addSection(section);
  const view = createEnvironmentsView(store, tree);
  const decorations = showDriftLineDecorations(store);
  const statusBar = showEnvironmentStatusBar(store);
  const environmentLog = new EnvironmentLog(store);
  const fileDecorations = new DriftFileDecorationProvider(store);
  context.subscriptions.push(
    agent,
    tree,
    view.disposable,
    decorations,
    environmentLog,
    showConfigDiagnostics(store),
    showKustomizeDiagnostics(store),
    showNotRenderedNotice(store, ui),
    new ResourceDocumentProvider(store),
    fileDecorations,
    new ResourceCodeLensProvider(store),
    vscode.languages.registerHoverProvider(YAML_AND_JSON_FILES, new DriftHoverProvider(store)),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocumentProvider(store)),
    refreshAutomatically(store),
    statusBar.disposable,
    completeWalkthroughSteps(store, view.view),
  );

  // The Argo CD and Flux commands (tokens, sync, reconcile…) are in the palette only when an environment reads live state from that agent.
  const agentKeys = () => {
    const providers = new Set(shownState(store.state)?.config.environments.map((e) => e.live?.provider));
    setContextKey('youops.hasArgoCD', providers.has('argocd'));
    setContextKey('youops.hasFlux', providers.has('flux'));
  };
  agentKeys();
  context.subscriptions.push(store.onDidChange(agentKeys));

  const resourceRef = (t: { env?: string; key?: string; path?: string }) => (t.env && t.key ? { env: t.env, key: t.key, path: t.path } : undefined);
  commands.register('youops.refresh', (t) => store.refresh(t.env));
  commands.register('youops.createConfig', () => createConfig(store, ui));
  commands.register('youops.openConfig', (t) => openConfig(store, ui, typeof t.args[0] === 'number' ? t.args[0] : undefined));
  commands.register('youops.showDrift', (t) => showDrift(store, ui, t), { fromEditor: true });
  commands.register('youops.revealResource', (t) => {
    const ref = resourceRef(t);
    return ref ? revealResource(store, ui, ref) : undefined;
  });
  commands.register('youops.revealInTree', (t) => {
    const ref = resourceRef(t);
    return ref ? revealInTree(ui, view.view, tree, ref) : undefined;
  });
  commands.register('youops.showCommit', (t) => (t.env && t.hash ? showCommit(ui, t.env, t.hash) : undefined));
  commands.register('youops.runOperation', (t, state) => runOperation(state, ui, agent, t), { needsConfig: true, fromEditor: true });
  registerAgentCommands(commands, ui, agent);
  commands.register('youops.whereIsCommit', (t, state) => showWhereIsCommit(ui, state, t, (env) => revealNode(view.view, { type: 'environment', env })), {
    needsConfig: true,
  });
  commands.register('youops.showLog', () => environmentLog.show());
  commands.register('youops.argocd.setToken', async () => (await setArgocdToken(store, secrets, ui)) && store.refresh());
  commands.register('youops.argocd.clearToken', async () => (await setArgocdToken(store, secrets, ui, true)) && store.refresh());
  commands.register('youops.openWalkthrough', () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', 'youops.youops#youops.gettingStarted', false),
  );
  return { tree, treeView: view.view, decorations, fileDecorations, environmentLog, agent, statusBar: statusBar.item };
}
