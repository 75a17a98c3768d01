import * as vscode from 'vscode';
import { describeValue } from '../../core/issueops/formValues';
import { buildTicket } from '../../core/issueops/buildTicket';
import { inputFields, type InputField, type IssueTemplate } from '../../core/issueops/issueTemplate';
import { hasPlaceholder, renderTitle } from '../../core/issueops/renderTitle';
import type { TicketDraft } from '../../core/issueops/ticketDraft';
import { validateField } from '../../core/issueops/validateForm';
import type { TicketPreviewProvider } from './ticketPreview';
import type { Ui } from '../shared/ui/uiSeam';

export type FormResult = 'send' | 'saveDraft' | 'cancel';

/**
 * Fills a ticket in the editor: quick inputs for the required fields the context
 * could not prefill, then a form-like list of every field (pick one to change it)
 * with the preview beside it; "Create issue" only when GitHub would accept it.
 * Mutates `draft` in place so nothing typed is lost if the flow stops.
 */
export async function fillTicketForm(draft: TicketDraft, template: IssueTemplate | undefined, preview: TicketPreviewProvider, ui: Ui): Promise<FormResult> {
  const form = template?.kind === 'form' ? template : undefined;
  // First pass: only what is missing, in form order — the quick path for a prefilled ticket.
  if (form) {
    for (const f of inputFields(form)) {
      if (validateField(f, draft.values[f.id]).length === 0) continue;
      if (!(await editField(f, draft, ui))) return 'cancel';
    }
  }
  // Placeholders like <who> can be filled now that the missing answers are in.
  if (hasPlaceholder(draft.title, template?.title) && template?.title) draft.title = renderTitle(template.title, form, draft.values);
  if (!draft.title.trim() || hasPlaceholder(draft.title, template?.title)) {
    if (!(await editTitle(draft, template, ui))) return 'cancel';
  }
  const previewUri = preview.uriFor(draft.id, draft.title);
  const refreshPreview = () => preview.update(previewUri, draft.title, draft.repo, buildTicket(draft, template).body);
  refreshPreview();
  // Rendered as GitHub shows it (the hidden markers stay hidden), and closed when the flow ends, however it ends.
  const shown = await ui.showMarkdownPreview(previewUri).catch(() => undefined);
  try {
    return await reviewLoop(draft, template, form, ui, refreshPreview);
  } finally {
    await shown?.close();
  }
}

/** The form-like list of every field, until the person sends, keeps the draft or leaves. */
async function reviewLoop(
  draft: TicketDraft,
  template: IssueTemplate | undefined,
  form: Extract<IssueTemplate, { kind: 'form' }> | undefined,
  ui: Ui,
  refreshPreview: () => void,
): Promise<FormResult> {
  for (;;) {
    refreshPreview();
    const built = buildTicket(draft, template);
    type Item = vscode.QuickPickItem & { action: 'send' | 'title' | 'body' | 'save' | 'field'; field?: InputField };
    const items: Item[] = [
      {
        label: built.problems.length ? '$(warning) Create issue' : '$(check) Create issue',
        description: `in ${draft.repo}`,
        detail: built.problems.length
          ? `Not yet: ${built.problems[0]}${built.problems.length > 1 ? ` (+${built.problems.length - 1} more)` : ''}`
          : 'The preview beside shows it as GitHub will render it.',
        action: 'send',
      },
      { label: 'Fields', kind: vscode.QuickPickItemKind.Separator, action: 'field' },
      { label: '$(edit) Title', description: draft.title, action: 'title' },
    ];
    if (form) {
      for (const f of inputFields(form)) {
        const problem = validateField(f, draft.values[f.id])[0];
        items.push({
          label: `$(${problem ? 'error' : 'edit'}) ${f.label}${f.required ? ' *' : ''}`,
          description: describeValue(f, draft.values[f.id]) || '(no response)',
          detail: problem?.message,
          action: 'field',
          field: f,
        });
      }
    } else {
      items.push({ label: '$(edit) Body', description: (draft.body ?? '').split('\n')[0] || '(empty)', action: 'body' });
    }
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator, action: 'save' },
      { label: '$(save) Keep as draft and close', description: 'Resend later with "YouOps: Resend Ticket Draft…"', action: 'save' },
    );
    const pick = await ui.pick(items, {
      title: `${template?.name ?? 'Blank issue'} → ${draft.repo}`,
      placeHolder: 'Review the ticket: pick a field to change it, or create the issue',
    });
    if (!pick) return 'cancel';
    switch (pick.action) {
      case 'send':
        if (built.problems.length === 0) return 'send';
        void ui.notify('warning', `The ticket cannot be sent yet: ${built.problems.join('; ')}`);
        break;
      case 'save':
        return 'saveDraft';
      case 'title':
        await editTitle(draft, template, ui);
        break;
      case 'body':
        await ui.longText('Body', draft.body ?? '', false).then((v) => v !== undefined && (draft.body = v));
        break;
      case 'field':
        if (pick.field) await editField(pick.field, draft, ui);
        break;
    }
  }
}

async function editTitle(draft: TicketDraft, template: IssueTemplate | undefined, ui: Ui): Promise<boolean> {
  const value = await ui.input({
    title: 'Issue title',
    value: draft.title,
    validate: (v) => (!v.trim() ? 'The title is required' : hasPlaceholder(v, template?.title) ? 'Replace the <placeholder>' : undefined),
  });
  if (value === undefined) return false;
  draft.title = value.trim();
  return true;
}

/** One field with the input that suits it; false when the person pressed Escape. */
async function editField(f: InputField, draft: TicketDraft, ui: Ui): Promise<boolean> {
  const current = draft.values[f.id];
  const title = `${f.label}${f.required ? ' (required)' : ''}`;
  switch (f.type) {
    case 'input':
    case 'upload':
    case 'textarea': {
      const v =
        f.type === 'textarea'
          ? await ui.longText(f.label, typeof current === 'string' ? current : '', f.required, f.description)
          : await ui.input({
              title,
              prompt: f.type === 'upload' ? `${f.description ? `${f.description} — ` : ''}Markdown links of files already uploaded to GitHub` : f.description,
              placeHolder: f.type === 'input' ? f.placeholder : undefined,
              value: typeof current === 'string' ? current : '',
              validate: (x) => (f.required && !x.trim() ? `"${f.label}" is required` : undefined),
            });
      if (v === undefined) return false;
      draft.values[f.id] = v;
      return true;
    }
    case 'dropdown': {
      const chosen = Array.isArray(current) ? (current as string[]) : [];
      if (f.multiple) {
        const picks = await ui.pickMany(
          f.options.map((o) => ({ label: o, picked: chosen.includes(o) })),
          { title, placeHolder: f.description ?? 'Choose any that apply' },
        );
        if (!picks) return false;
        draft.values[f.id] = picks.map((p) => p.label);
        return true;
      }
      const items = [
        ...f.options.map((o) => ({ label: o, description: chosen.includes(o) ? '(current)' : undefined })),
        ...(f.required ? [] : [{ label: 'None', description: 'no choice' }]),
      ];
      const pick = await ui.pick(items, { title, placeHolder: f.description ?? 'Choose one' });
      if (!pick) return false;
      draft.values[f.id] = pick.label === 'None' && pick.description ? [] : [pick.label];
      return true;
    }
    case 'checkboxes': {
      const checked = Array.isArray(current) ? (current as boolean[]) : [];
      const picks = await ui.pickMany(
        f.options.map((o, i) => ({ label: o.label, description: o.required ? 'required' : undefined, picked: checked[i] === true, index: i })),
        { title, placeHolder: f.description ?? 'Check the boxes that apply' },
      );
      if (!picks) return false;
      draft.values[f.id] = f.options.map((_, i) => picks.some((p) => p.index === i));
      return true;
    }
  }
}
