import * as vscode from 'vscode';
import type { Ticket } from '../../core/issueops/listTickets';
import { relativeTime } from '../../core/text/relativeTime';
import type { EnvironmentSection } from '../shared/tree/environmentSection';
import type { TreeNode } from '../shared/tree/treeNodes';
import type { TicketsStore } from './ticketsStore';

/** Ticket rows; `env` undefined = the overall list (all environments). */
export type TicketTreeNode =
  | { type: 'tickets'; env?: string }
  | { type: 'ticket'; env?: string; number: number }
  | { type: 'ticketStatus'; env?: string; number: number }
  | { type: 'ticketPull'; env?: string; number: number; pull: number };

declare module '../shared/tree/treeNodes' {
  interface SectionNodes {
    tickets: Extract<TicketTreeNode, { type: 'tickets' }>;
    ticket: Extract<TicketTreeNode, { type: 'ticket' }>;
    ticketStatus: Extract<TicketTreeNode, { type: 'ticketStatus' }>;
    ticketPull: Extract<TicketTreeNode, { type: 'ticketPull' }>;
  }
}

const TICKET_TYPES = new Set<string>(['tickets', 'ticket', 'ticketStatus', 'ticketPull']);

/**
 * The IssueOps rows, shared by the Environments view (a "Tickets" node per environment)
 * and the Tickets view (all of them): open tickets with the bot's latest answer as status,
 * and the pull requests they link to.
 */
export class TicketsSection implements EnvironmentSection<TicketTreeNode> {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly store: TicketsStore) {
    this.onDidChange = store.onDidChange;
  }

  owns(node: TreeNode): node is TicketTreeNode {
    return TICKET_TYPES.has(node.type);
  }

  environmentNodes(env: string): TicketTreeNode[] {
    return [{ type: 'tickets', env }];
  }

  children(node: TicketTreeNode): TreeNode[] {
    switch (node.type) {
      case 'tickets':
        return this.ticketList(node.env);
      case 'ticket': {
        const t = this.find(node.number);
        if (!t) return [];
        const rows: TreeNode[] = [];
        if (t.status.comment) rows.push({ type: 'ticketStatus', env: node.env, number: t.issue.number });
        for (const pull of t.pullRequests) rows.push({ type: 'ticketPull', env: node.env, number: t.issue.number, pull });
        return rows;
      }
      default:
        return [];
    }
  }

  parent(node: TicketTreeNode): TreeNode | undefined {
    switch (node.type) {
      case 'tickets':
        return node.env ? { type: 'environment', env: node.env } : undefined;
      case 'ticket':
        return { type: 'tickets', env: node.env };
      default:
        return { type: 'ticket', env: node.env, number: node.number };
    }
  }

  item(node: TicketTreeNode): vscode.TreeItem {
    const scope = node.env ?? 'all';
    switch (node.type) {
      case 'tickets': {
        const item = new vscode.TreeItem('Tickets', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${scope}/tickets`;
        item.iconPath = new vscode.ThemeIcon('issues');
        item.contextValue = 'youops.tickets';
        const list = this.store.state.kind === 'ready' ? this.store.state.tickets.filter((t) => !node.env || t.env === node.env) : undefined;
        if (list) {
          const failed = list.filter((t) => t.status.outcome === 'failure').length;
          item.description = [`${list.length} open`, failed ? `${failed} failed` : ''].filter(Boolean).join(' · ');
        }
        item.tooltip = node.env ? `Open IssueOps tickets for ${node.env}` : 'Open IssueOps tickets';
        return item;
      }
      case 'ticket': {
        const t = this.find(node.number);
        const item = new vscode.TreeItem(
          t ? `#${t.issue.number} ${t.issue.title}` : `#${node.number}`,
          t?.status.comment || t?.pullRequests.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `${scope}/ticket/${node.number}`;
        if (!t) return item;
        item.iconPath = outcomeIcon(t);
        item.description = [t.status.summary ?? 'waiting for an answer', !node.env && t.env ? t.env : ''].filter(Boolean).join(' · ');
        const md = new vscode.MarkdownString(undefined, true);
        md.appendMarkdown(`**#${t.issue.number} ${escape(t.issue.title)}** — ${t.issue.state}\n\n`);
        if (t.issue.labels.length) md.appendMarkdown(`Labels: ${t.issue.labels.map((l) => `\`${l}\``).join(' ')}  \n`);
        if (t.env) md.appendMarkdown(`Environment: \`${t.env}\`  \n`);
        if (t.issue.user) md.appendMarkdown(`Opened by ${escape(t.issue.user.login)} ${relativeTime(new Date(t.issue.createdAt))}  \n`);
        if (t.status.comment) md.appendMarkdown(`\n---\n**${escape(t.status.comment.user?.login ?? 'bot')}**: ${escape(t.status.summary ?? '')}`);
        item.tooltip = md;
        item.contextValue = `youops.ticket.${t.status.outcome}`;
        return item;
      }
      case 'ticketStatus': {
        const t = this.find(node.number);
        const c = t?.status.comment;
        const item = new vscode.TreeItem(c ? `${c.user?.login ?? 'bot'}: ${t?.status.summary ?? ''}` : 'No answer yet');
        item.id = `${scope}/ticket/${node.number}/status`;
        item.iconPath = new vscode.ThemeIcon('comment');
        if (c) {
          item.description = relativeTime(new Date(c.createdAt));
          item.tooltip = c.body;
          if (c.htmlUrl) item.command = { title: 'Open comment', command: 'vscode.open', arguments: [vscode.Uri.parse(c.htmlUrl)] };
        }
        item.contextValue = 'youops.ticketStatus';
        return item;
      }
      case 'ticketPull': {
        const t = this.find(node.number);
        const item = new vscode.TreeItem(`Pull request #${node.pull}`);
        item.id = `${scope}/ticket/${node.number}/pull/${node.pull}`;
        item.iconPath = new vscode.ThemeIcon('git-pull-request');
        item.tooltip = `Pull request #${node.pull}, linked from #${node.number}${t ? ` ${t.issue.title}` : ''}`;
        item.contextValue = 'youops.ticketPull';
        const url = t?.issue.htmlUrl.replace(/\/issues\/\d+$/, `/pull/${node.pull}`);
        if (url) item.command = { title: 'Open pull request', command: 'vscode.open', arguments: [vscode.Uri.parse(url)] };
        return item;
      }
    }
  }

  private ticketList(env: string | undefined): TreeNode[] {
    const scope = env ?? 'all';
    const tickets = this.store.tickets();
    const state = this.store.state;
    if (state.kind === 'unavailable') {
      const command =
        state.reason === 'signedOut'
          ? { command: 'youops.signInToGitHub', args: [] }
          : state.reason === 'untrusted'
            ? { command: 'workbench.trust.manage', args: [] }
            : { command: 'youops.refreshTickets', args: [] };
      return [
        {
          type: 'message',
          id: `${scope}/tickets/unavailable`,
          label: state.reason === 'signedOut' ? 'Sign in to GitHub to see tickets' : state.message,
          detail: state.reason === 'error' ? 'click to retry' : undefined,
          icon: state.reason === 'error' ? 'error' : 'info',
          command,
        },
      ];
    }
    if (!tickets) return [{ type: 'message', id: `${scope}/tickets/loading`, label: 'Loading tickets…', icon: 'loading' }];
    const mine = tickets.filter((t) => !env || t.env === env);
    if (mine.length === 0)
      return [
        {
          type: 'message',
          id: `${scope}/tickets/none`,
          label: env ? `No open tickets for ${env}` : 'No open IssueOps tickets',
          icon: 'info',
          command: { command: 'youops.openTicket', args: [env ? { env } : undefined] },
        },
      ];
    return mine.map((t) => ({ type: 'ticket', env, number: t.issue.number }));
  }

  find(n: number): Ticket | undefined {
    const s = this.store.state;
    const list = s.kind === 'ready' ? s.tickets : s.kind === 'loading' ? s.previous : undefined;
    return list?.find((t) => t.issue.number === n);
  }
}

function outcomeIcon(t: Ticket): vscode.ThemeIcon {
  switch (t.status.outcome) {
    case 'success':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failure':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    default:
      return new vscode.ThemeIcon('issues', new vscode.ThemeColor('charts.green'));
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
