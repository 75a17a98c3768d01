import * as vscode from 'vscode';
import type { MessageNode } from './treeNodes';

/** The one rendering of a message row, in every view. */
export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label);
  item.id = node.id;
  item.description = node.detail;
  item.tooltip = node.detail ? `${node.label}\n${node.detail}` : node.label;
  item.iconPath =
    node.icon === 'loading'
      ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon(node.icon, node.icon === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined);
  if (node.command) item.command = { title: node.label, command: node.command.command, arguments: node.command.args };
  item.contextValue = 'youops.message';
  return item;
}
