import * as vscode from 'vscode';
import { messageItem } from '../shared/tree/messageRow';
import type { TreeNode } from '../shared/tree/treeNodes';
import type { TicketsSection } from './ticketsSection';

/** The Tickets view: every open IssueOps ticket of the repository, across environments. */
export class TicketsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly section: TicketsSection) {
    this.onDidChangeTreeData = section.onDidChange;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.section.children({ type: 'tickets' });
    return this.section.owns(node) ? this.section.children(node) : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const parent = this.section.owns(node) ? this.section.parent(node) : undefined;
    return parent?.type === 'tickets' ? undefined : parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (this.section.owns(node)) return this.section.item(node);
    // Message rows (loading, sign in, none) are the only others.
    return node.type === 'message' ? messageItem(node) : new vscode.TreeItem('');
  }
}
