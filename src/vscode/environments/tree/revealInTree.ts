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
  await view.reveal(node, { select: true, focus: true, expand: true });
}
