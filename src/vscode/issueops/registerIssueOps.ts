import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { EnvironmentsTreeProvider } from '../tree/environmentsTreeProvider';
import { TicketNodes } from '../tree/ticketNodes';
import { GitHubAuth } from '../auth/githubAuth';
import { DraftStore } from './draftStore';
import { GitHubConnection } from './githubConnection';
import { IssueOpsError, UNTRUSTED_MESSAGE } from './issueOpsError';
import { openTicket, type IssueOpsDeps } from './openTicket';
import { resendDraft } from './resendDraft';
import { showIssueOpsError } from './showIssueOpsError';
import { closeTicket, commentOnTicket, openTicketInBrowser, runTicketCommand } from './ticketActions';
import { windowPrompts, type TicketPrompts } from './ticketPrompts';
import { PREVIEW_SCHEME, TicketPreviewProvider } from './ticketPreview';
import { TicketsStore } from './ticketsStore';
import { TicketsTreeProvider } from './ticketsView';

export interface IssueOpsApi {
  tickets: TicketsStore;
  drafts: DraftStore;
  /**
   * Extension-host tests script the quick inputs with this; it refuses outside
   * ExtensionMode.Test so no other extension can answer for the person.
   */
  usePromptsForTests(prompts: TicketPrompts | undefined): void;
}

/** IssueOps: tickets from issue forms, their status in the views, comment commands. */
export function registerIssueOps(context: vscode.ExtensionContext, store: WorkspaceStore, environments: EnvironmentsTreeProvider): IssueOpsApi {
  const log = vscode.window.createOutputChannel('YouOps IssueOps', { log: true });
  const auth = new GitHubAuth();
  const deps = {} as IssueOpsDeps;
  const connection = new GitHubConnection(store, auth, log, () => deps.ui);
  const tickets = new TicketsStore(store, connection, auth, log);
  const preview = new TicketPreviewProvider();
  const drafts = new DraftStore(context.workspaceState);
  Object.assign(deps, { store, connection, drafts, preview, tickets, log, ui: windowPrompts } satisfies IssueOpsDeps);
  const nodes = new TicketNodes(tickets);
  const r = vscode.commands.registerCommand;
  context.subscriptions.push(
    log,
    auth,
    tickets,
    preview,
    environments.attachTickets(nodes),
    vscode.window.createTreeView('youops.tickets', { treeDataProvider: new TicketsTreeProvider(nodes), showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    r('youops.openTicket', (arg?: unknown) => openTicket(deps, arg)),
    r('youops.resendTicketDraft', (id?: string, mode?: 'edit') => resendDraft(deps, typeof id === 'string' ? id : undefined, mode)),
    r('youops.refreshTickets', () => tickets.refresh()),
    r('youops.openTicketInBrowser', (arg?: unknown) => openTicketInBrowser(deps, arg)),
    r('youops.commentOnTicket', (arg?: unknown) => commentOnTicket(deps, arg)),
    r('youops.runTicketCommand', (arg?: unknown) => runTicketCommand(deps, arg)),
    r('youops.closeTicket', (arg?: unknown) => closeTicket(deps, arg)),
    r('youops.signInToGitHub', async () => {
      try {
        if (!vscode.workspace.isTrusted) return void (await showIssueOpsError(new IssueOpsError('untrusted', UNTRUSTED_MESSAGE), [], deps.ui));
        if (await auth.session('prompt')) await tickets.refresh();
      } catch (err) {
        await showIssueOpsError(err, [], deps.ui);
      }
    }),
  );
  return {
    tickets,
    drafts,
    usePromptsForTests(prompts) {
      if (context.extensionMode !== vscode.ExtensionMode.Test) throw new Error('scripted prompts are only for extension tests');
      deps.ui = prompts ?? windowPrompts;
    },
  };
}
