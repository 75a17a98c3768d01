import * as vscode from 'vscode';
import type { ResourceRef } from '../store/findResource';
import type { EnvironmentsTreeProvider } from '../tree/environmentsTreeProvider';
import type { TreeNode } from '../tree/treeNodes';

/** Selects a resource in the Environments view (from a code lens). */
export async function revealInTree(view: vscode.TreeView<TreeNode>, provider: EnvironmentsTreeProvider, ref: ResourceRef): Promise<void> {
  const node = provider.resourceNode(ref.env, ref.key);
  if (!node) {
    void vscode.window.showInformationMessage('That resource is not in the environment any more; refresh the YouOps view.');
    return;
  }
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
