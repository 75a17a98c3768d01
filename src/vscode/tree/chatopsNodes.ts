import * as vscode from 'vscode';
import { STATUS_SYMBOL, type HistoryEntry } from '../../core/chatops/commandHistory';
import { relativeTime } from '../../core/text/relativeTime';
import type { TreeNode } from './treeNodes';

/** What the tree needs from ChatOps: the last command per environment, and when that changes. */
export interface ChatOpsTreeSource {
  lastFor(env: string): HistoryEntry | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/** "Last command: .deploy v1.4 to prod → ✓ · 2 min ago" under the environment it was sent for. */
export function chatOpsNodes(source: ChatOpsTreeSource | undefined, env: string): TreeNode[] {
  const entry = source?.lastFor(env);
  return entry ? [{ type: 'chatops', env, entry }] : [];
}

export function chatOpsTreeItem(node: Extract<TreeNode, { type: 'chatops' }>): vscode.TreeItem {
  const e = node.entry;
  const text = e.text.length > 48 ? `${e.text.slice(0, 47)}…` : e.text;
  const item = new vscode.TreeItem(`Last command: ${text} → ${STATUS_SYMBOL[e.status]}`);
  item.id = `${node.env}/chatops/last`;
  item.description = relativeTime(new Date(e.sentAt));
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendText(`${e.text}\n→ ${e.destination} · ${e.status}${e.error ? ` · ${e.error}` : ''}\n`);
  for (const r of e.replies.slice(-5)) tooltip.appendText(`\n${r.author}: ${r.text}`);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(ICONS[e.status][0], ICONS[e.status][1] ? new vscode.ThemeColor(ICONS[e.status][1]!) : undefined);
  item.contextValue = 'youops.chatops.last';
  item.command = { title: 'Show ChatOps Audit Log', command: 'youops.chatops.showAuditLog' };
  return item;
}

const ICONS: Record<HistoryEntry['status'], [string, string?]> = {
  sending: ['loading~spin'],
  waiting: ['loading~spin'],
  success: ['pass', 'testing.iconPassed'],
  failure: ['error', 'list.errorForeground'],
  answered: ['comment-discussion'],
  'no-answer': ['circle-slash', 'list.warningForeground'],
  sent: ['send'],
  error: ['warning', 'list.warningForeground'],
};
