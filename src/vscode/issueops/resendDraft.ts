import type { IssueOpsDeps } from './issueOpsDeps';
import { editAndSend, sendDraft } from './sendDraft';
import { workspaceTemplates } from './templateCatalog';

/** Lists kept drafts (failed or put aside) to resend, edit or discard them. */
export async function resendDraft(deps: IssueOpsDeps, draftId?: string, mode?: 'edit'): Promise<void> {
  const drafts = deps.drafts.all();
  let draft = draftId ? deps.drafts.get(draftId) : undefined;
  let action: 'send' | 'edit' | 'discard' | undefined = draft ? (mode === 'edit' ? 'edit' : 'send') : undefined;
  if (!draft) {
    if (drafts.length === 0) {
      void deps.ui.notify('info', 'No ticket drafts: every ticket was sent.');
      return;
    }
    const pick = await deps.ui.pick(
      drafts.map((d) => ({
        label: d.title || '(no title)',
        description: `${d.repo} · ${new Date(d.createdAt).toLocaleString()}`,
        detail: d.lastError ? `Last attempt failed: ${d.lastError}` : 'Not sent yet',
        d,
      })),
      { placeHolder: 'Which draft?' },
    );
    if (!pick) return;
    draft = pick.d;
    const what = await deps.ui.pick(
      [
        { label: '$(cloud-upload) Resend', a: 'send' as const },
        { label: '$(edit) Edit, then send', a: 'edit' as const },
        { label: '$(trash) Discard', a: 'discard' as const },
      ],
      { placeHolder: draft.title },
    );
    action = what?.a;
  }
  if (!action || !draft) return;
  if (action === 'discard') return deps.drafts.delete(draft.id);
  const set = await workspaceTemplates(deps);
  const template = draft.template ? set?.templates.find((t) => t.file === draft!.template) : undefined;
  if (draft.template && !template) {
    void deps.ui.notify('error', `The draft's template ${draft.template} is gone or invalid; the draft is kept.`);
    return;
  }
  if (action === 'edit') return editAndSend(deps, draft, template);
  return sendDraft(deps, draft, template);
}
