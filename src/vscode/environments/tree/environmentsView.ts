import * as vscode from 'vscode';
import { reportedStatus } from '../../../core/environments/reportedStatus';
import { shownState } from '../../shared/store/workspaceState';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { TreeNode } from '../../shared/tree/treeNodes';
import type { EnvironmentsTreeProvider } from './environmentsTreeProvider';

/** How often relative times ("refreshed 20s ago") move on while the view is visible. */
export const RELATIVE_TIME_TICK_MS = 5_000;

/** The Environments view, with a badge counting drifted environments and relative times that tick while it is visible. */
export function createEnvironmentsView(
  store: WorkspaceStore,
  provider: EnvironmentsTreeProvider,
): { view: vscode.TreeView<TreeNode>; disposable: vscode.Disposable } {
  const view = vscode.window.createTreeView('youops.environments', { treeDataProvider: provider, showCollapseAll: true });
  const updateBadge = () => {
    const state = store.state;
    const shown = shownState(state);
    const drifted = shown ? shown.environments.filter((e) => e.state && !['InSync', 'Unknown'].includes(reportedStatus(e.state).status)).length : 0;
    view.badge = drifted ? { value: drifted, tooltip: `${drifted} environment${drifted === 1 ? '' : 's'} out of sync` } : undefined;
    view.message =
      state.kind === 'invalid'
        ? `youops.yaml has errors (see the Problems panel)${shown ? ': the environments below are from its last valid version' : ''}.`
        : undefined;
  };
  updateBadge();
  const tick = setInterval(() => view.visible && provider.refreshRelativeTimes(), RELATIVE_TIME_TICK_MS);
  return { view, disposable: vscode.Disposable.from(view, store.onDidChange(updateBadge), { dispose: () => clearInterval(tick) }) };
}
