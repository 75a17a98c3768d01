import * as vscode from 'vscode';
import { reportedStatus } from '../../../core/environments/reportedStatus';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { TreeNode } from '../../shared/tree/treeNodes';
import type { EnvironmentsTreeProvider } from './environmentsTreeProvider';

/** The Environments view, with a badge counting drifted environments. */
export function createEnvironmentsView(
  store: WorkspaceStore,
  provider: EnvironmentsTreeProvider,
): { view: vscode.TreeView<TreeNode>; disposable: vscode.Disposable } {
  const view = vscode.window.createTreeView('youops.environments', { treeDataProvider: provider, showCollapseAll: true });
  const updateBadge = () => {
    const state = store.state;
    const drifted =
      state.kind === 'ready' ? state.environments.filter((e) => e.state && !['InSync', 'Unknown'].includes(reportedStatus(e.state).status)).length : 0;
    view.badge = drifted ? { value: drifted, tooltip: `${drifted} environment${drifted === 1 ? '' : 's'} out of sync` } : undefined;
    view.message = state.kind === 'invalid' ? 'youops.yaml has errors — see the Problems panel.' : undefined;
  };
  updateBadge();
  return { view, disposable: vscode.Disposable.from(view, store.onDidChange(updateBadge)) };
}
