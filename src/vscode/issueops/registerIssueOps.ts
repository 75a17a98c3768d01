import * as vscode from 'vscode';
import type { Services } from '../shared/services';
import { DraftStore } from './draftStore';
import type { IssueOpsDeps } from './issueOpsDeps';
import { openTicket } from './openTicket';
import { resendDraft } from './resendDraft';
import { closeTicket, commentOnTicket, openTicketInBrowser, runTicketCommand } from './ticketActions';
import { PREVIEW_SCHEME, TicketPreviewProvider } from './ticketPreview';
import { TicketsSection } from './ticketsSection';
import { TicketsStore } from './ticketsStore';
import { TicketsTreeProvider } from './ticketsView';

/** What the IssueOps feature hands to the extension-host tests. */
export interface IssueOpsHandles {
  tickets: TicketsStore;
  drafts: DraftStore;
}

/** IssueOps: tickets from issue forms, their status in the views, comment commands. */
export function registerIssueOps(services: Services): IssueOpsHandles {
  const { context, store, ui, failures, github, commands } = services;
  const log = vscode.window.createOutputChannel('YouOps IssueOps', { log: true });
  const tickets = new TicketsStore(store, github, ui, log);
  const preview = new TicketPreviewProvider();
  const drafts = new DraftStore(context.workspaceState);
  const deps: IssueOpsDeps = { store, ui, failures, github, drafts, preview, tickets, log };
  const section = new TicketsSection(tickets);
  services.sections.push(section);
  context.subscriptions.push(
    log,
    tickets,
    preview,
    vscode.window.createTreeView('youops.tickets', { treeDataProvider: new TicketsTreeProvider(section), showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
  );
  commands.register('youops.openTicket', (t) => openTicket(deps, t), { needsConfig: true, fromEditor: true });
  commands.register('youops.resendTicketDraft', (t) =>
    resendDraft(deps, typeof t.args[0] === 'string' ? t.args[0] : undefined, t.args[1] === 'edit' ? 'edit' : undefined),
  );
  commands.register('youops.refreshTickets', () => tickets.refresh());
  commands.register('youops.openTicketInBrowser', (t) => openTicketInBrowser(deps, t));
  commands.register('youops.commentOnTicket', (t) => commentOnTicket(deps, t));
  commands.register('youops.runTicketCommand', (t) => runTicketCommand(deps, t));
  commands.register('youops.closeTicket', (t) => closeTicket(deps, t));
  commands.register('youops.signInToGitHub', async () => (await github.signIn()) && tickets.refresh());
  return { tickets, drafts };
}
