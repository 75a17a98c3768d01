import * as vscode from 'vscode';
import { formatRepo } from '../../core/github/repoRef';
import type { IssueTemplate } from '../../core/issueops/issueTemplate';
import { prefillForm } from '../../core/issueops/prefillForm';
import { renderTitle } from '../../core/issueops/renderTitle';
import { newDraftId, type TicketDraft } from '../../core/issueops/ticketDraft';
import type { CommandTarget } from '../shared/commands/commandTarget';
import { showIssueOpsError, type IssueOpsDeps } from './issueOpsDeps';
import { editAndSend } from './sendDraft';
import { workspaceTemplates } from './templateCatalog';
import { ticketContext } from './ticketContext';

/** "Open IssueOps ticket" from the palette, tree, code lens, drift hover or an operation. */
export async function openTicket(deps: IssueOpsDeps, target: CommandTarget): Promise<void> {
  let repoName: string;
  try {
    repoName = formatRepo(await deps.github.repo());
  } catch (err) {
    return void showIssueOpsError(deps, err);
  }
  const set = await workspaceTemplates(deps);
  if (!set) return;
  const context = ticketContext(deps.store, target);
  const wanted = target.template;
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
