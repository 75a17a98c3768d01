import * as vscode from 'vscode';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { TreeNode } from '../../shared/tree/treeNodes';
import type { Ui } from '../../shared/ui/uiSeam';
import type { EnvironmentsTreeProvider } from './environmentsTreeProvider';

/** Selects a resource in the Environments view (from a code lens). */
export async function revealInTree(ui: Ui, view: vscode.TreeView<TreeNode>, provider: EnvironmentsTreeProvider, ref: ResourceRef): Promise<void> {
  const node = provider.resourceNode(ref.env, ref.key);
  if (!node) {
    void ui.notify('info', 'That resource is not in the environment any more; refresh the YouOps view.');
    return;
  }
  await revealNode(view, node);
}

/** Shows the Environments view if needed and selects `node` in it. */
export async function revealNode(view: vscode.TreeView<TreeNode>, node: TreeNode): Promise<void> {
  if (!view.visible) {
    // A view that is still opening ignores reveal: wait until it is shown.
    const shown = new Promise<void>((resolve) => {
      const sub = view.onDidChangeVisibility((e) => e.visible && (sub.dispose(), resolve()));
      setTimeout(() => (sub.dispose(), resolve()), 3000);
    });
    await vscode.commands.executeCommand('youops.environments.focus');
    await shown;
  }
  const options = { select: true, focus: true, expand: true };
  await view.reveal(node, options);
  // A refresh of the view that lands during the reveal (a save, HEAD moving) drops it: once the selection
  // did not follow, reveal again on the settled tree.
  if (!(await selectionFollows(view, node))) await view.reveal(node, options);
}

const SELECTION_WAIT_MS = 1_000;

function selectionFollows(view: vscode.TreeView<TreeNode>, node: TreeNode): Promise<boolean> {
  const selected = () => view.selection.some((n) => sameNode(n, node));
  if (selected()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => (sub.dispose(), resolve(selected())), SELECTION_WAIT_MS);
    const sub = view.onDidChangeSelection(() => selected() && (clearTimeout(timer), sub.dispose(), resolve(true)));
  });
}

/** Rows this module reveals, by what identifies them; any other row is not recognised (and revealed again). */
function sameNode(a: TreeNode, b: TreeNode): boolean {
  if (a.type === 'environment' && b.type === 'environment') return a.env === b.env;
  if (a.type === 'resource' && b.type === 'resource') return a.env === b.env && a.resource.key === b.resource.key;
  return false;
}
