import * as vscode from 'vscode';
import type { TicketNodes } from '../tree/ticketNodes';
import { isTicketNode } from '../tree/ticketNodes';
import type { TreeNode } from '../tree/treeNodes';

/** The Tickets view: every open IssueOps ticket of the repository, across environments. */
export class TicketsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly nodes: TicketNodes) {
    this.onDidChangeTreeData = nodes.onDidChange;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.nodes.children(node ?? { type: 'tickets' });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const parent = this.nodes.parent(node);
    return parent?.type === 'tickets' ? undefined : parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (isTicketNode(node)) return this.nodes.treeItem(node);
    // Message rows (loading, sign in, none).
    const m = node as Extract<TreeNode, { type: 'message' }>;
    const item = new vscode.TreeItem(m.label);
    item.id = m.id;
    item.description = m.detail;
    item.iconPath = new vscode.ThemeIcon(m.icon === 'loading' ? 'loading~spin' : m.icon);
    if (m.command) item.command = { title: m.label, command: m.command.command, arguments: m.command.args };
    return item;
  }
}
