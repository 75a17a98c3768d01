import * as vscode from 'vscode';
import { formatRepo } from '../../core/github/repoRef';
import type { IssueTemplate } from '../../core/issueops/issueTemplate';
import { prefillForm } from '../../core/issueops/prefillForm';
import { renderTitle } from '../../core/issueops/renderTitle';
import { newDraftId, type TicketDraft } from '../../core/issueops/ticketDraft';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { DraftStore } from './draftStore';
import type { GitHubConnection } from './githubConnection';
import { showIssueOpsError } from './showIssueOpsError';
import { requestedTemplate, ticketContextFromArg } from './ticketContextFromArg';
import { fillTicketForm } from './ticketForm';
import type { TicketPreviewProvider } from './ticketPreview';
import type { TicketPrompts } from './ticketPrompts';
import { sendDraft } from './sendDraft';
import { workspaceTemplates } from './templateCatalog';
import type { TicketsStore } from './ticketsStore';

export interface IssueOpsDeps {
  store: WorkspaceStore;
  connection: GitHubConnection;
  drafts: DraftStore;
  preview: TicketPreviewProvider;
  tickets: TicketsStore;
  log: vscode.LogOutputChannel;
  /** Quick inputs and notifications (scripted in extension-host tests). */
  ui: TicketPrompts;
}

/** "Open IssueOps ticket" from the palette, tree, code lens, drift hover or an operation. */
export async function openTicket(deps: IssueOpsDeps, arg?: unknown): Promise<void> {
  const state = deps.store.state;
  if (state.kind !== 'ready') {
    void deps.ui.notify('warning', state.kind === 'invalid' ? 'Fix the errors in youops.yaml first.' : 'No youops.yaml in this workspace.');
    return;
  }
  let repoName: string;
  try {
    repoName = formatRepo(await deps.connection.repo());
  } catch (err) {
    return void showIssueOpsError(err, [], deps.ui);
  }
  const set = await workspaceTemplates(deps.store, deps.log);
  if (!set) return;
  const context = ticketContextFromArg(deps.store, arg);
  const wanted = requestedTemplate(arg);
  let template: IssueTemplate | undefined;
  if (wanted) {
    template = set.templates.find((t) => t.file === wanted || t.file.replace(/\.(ya?ml|md)$/, '') === wanted);
    if (!template) {
      void deps.ui.notify('error', `Issue template ${wanted} was not found (or is invalid) in ${set.dir}.`);
      return;
    }
  } else {
    type Item = vscode.QuickPickItem & { template?: IssueTemplate; url?: string; blank?: boolean };
    const items: Item[] = set.templates.map((t) => ({ label: `$(issues) ${t.name}`, description: t.file, detail: t.description, template: t }));
    if (set.config.blankIssuesEnabled) items.push({ label: '$(new-file) Blank issue', detail: 'Write the title and body yourself', blank: true });
    if (set.config.contactLinks.length) items.push({ label: 'Elsewhere', kind: vscode.QuickPickItemKind.Separator });
    for (const l of set.config.contactLinks) items.push({ label: `$(link-external) ${l.name}`, detail: l.about, description: l.url, url: l.url });
    if (items.length === 0) {
      void deps.ui.notify('warning', `No issue templates in ${set.dir}, and config.yml disables blank issues.`);
      return;
    }
    const pick = await deps.ui.pick(items, {
      title: `Open IssueOps ticket in ${repoName}${context.env ? ` — ${context.env}` : ''}`,
      placeHolder: 'Choose a template',
      matchOnDetail: true,
    });
    if (!pick) return;
    if (pick.url) return void vscode.env.openExternal(vscode.Uri.parse(pick.url));
    template = pick.template;
  }
  const values = template?.kind === 'form' ? prefillForm(template, context) : {};
  const draft: TicketDraft = {
    id: newDraftId(),
    repo: repoName,
    template: template?.file,
    title: renderTitle(template?.title, template?.kind === 'form' ? template : undefined, values),
    values,
    body: template?.kind === 'markdown' ? template.body : template ? undefined : '',
    labels: template?.labels ?? [],
    assignees: template?.assignees ?? [],
    context,
    createdAt: new Date().toISOString(),
    attempts: 0,
  };
  await editAndSend(deps, draft, template);
}

/** The form, then sending; used for new tickets and for editing kept drafts. */
export async function editAndSend(deps: IssueOpsDeps, draft: TicketDraft, template: IssueTemplate | undefined): Promise<void> {
  const untouched = JSON.stringify(draft);
  const result = await fillTicketForm(draft, template, deps.preview, deps.ui);
  if (result === 'send') return sendDraft(deps, draft, template);
  if (result === 'saveDraft' || JSON.stringify(draft) !== untouched || draft.attempts > 0) {
    await deps.drafts.save(draft);
    if (result === 'cancel') void deps.ui.notify('info', 'Ticket kept as a draft: "YouOps: Re-send Ticket Draft" picks it up again.');
  }
}
