import * as vscode from 'vscode';
import { STATUS_SYMBOL, type HistoryEntry } from '../../core/chatops/commandHistory';
import { relativeTime } from '../../core/text/relativeTime';
import type { EnvironmentSection } from '../shared/tree/environmentSection';
import type { TreeNode } from '../shared/tree/treeNodes';
import type { ChatOpsController } from './chatOpsController';

/** The row ChatOps adds under an environment. */
export interface LastCommandNode {
  type: 'chatops';
  env: string;
  entry: HistoryEntry;
}

declare module '../shared/tree/treeNodes' {
  interface SectionNodes {
    chatops: LastCommandNode;
  }
}

/** "Last command: .deploy v1.4 to prod → ✓ · 2 min ago" under the environment it was sent for. */
export class LastCommandSection implements EnvironmentSection<LastCommandNode> {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly chatops: ChatOpsController) {
    this.onDidChange = chatops.onDidChange;
  }

  owns(node: TreeNode): node is LastCommandNode {
    return node.type === 'chatops';
  }

  environmentNodes(env: string): LastCommandNode[] {
    const entry = this.chatops.history.lastFor(env);
    return entry ? [{ type: 'chatops', env, entry }] : [];
  }

  children(): TreeNode[] {
    return [];
  }

  parent(node: LastCommandNode): TreeNode {
    return { type: 'environment', env: node.env };
  }

  item(node: LastCommandNode): vscode.TreeItem {
    const e = node.entry;
    const text = e.text.length > 48 ? `${e.text.slice(0, 47)}…` : e.text;
    const item = new vscode.TreeItem(`Last command: ${text} → ${STATUS_SYMBOL[e.status]}`);
    item.id = `${node.env}/chatops/last`;
    item.description = relativeTime(new Date(e.sentAt));
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`${e.text}\n→ ${e.destination} · ${e.status}${e.error ? ` · ${e.error}` : ''}\n`);
    for (const r of e.replies.slice(-5)) tooltip.appendText(`\n${r.author}: ${r.text}`);
    item.tooltip = tooltip;
    const [icon, color] = ICONS[e.status];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = 'youops.chatops.last';
    item.command = { title: 'Show ChatOps Audit Log', command: 'youops.chatops.showAuditLog' };
    return item;
  }
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
