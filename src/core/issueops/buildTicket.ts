import { checkBodyLength } from './bodyLimit';
import type { IssueTemplate } from './issueTemplate';
import { renderIssueBody } from './renderIssueBody';
import { hasPlaceholder } from './renderTitle';
import type { TicketDraft } from './ticketDraft';
import { ticketMarker } from './ticketMarker';
import { validateForm } from './validateForm';

export interface BuiltTicket {
  title: string;
  /** Rendered body plus the hidden ticket marker (the idempotency marker is added when sending). */
  body: string;
  labels: string[];
  assignees: string[];
  /** Reasons GitHub (or its web form) would refuse it; empty when it can be sent. */
  problems: string[];
}

/** The issue a draft becomes, checked before anything is sent. */
export function buildTicket(draft: TicketDraft, template: IssueTemplate | undefined): BuiltTicket {
  const problems: string[] = [];
  const title = draft.title.trim();
  if (!title) problems.push('The title is empty');
  else if (hasPlaceholder(title)) problems.push(`The title still has a placeholder: ${title}`);
  let rendered: string;
  if (template?.kind === 'form') {
    problems.push(...validateForm(template, draft.values).map((p) => p.message));
    rendered = renderIssueBody(template, draft.values);
  } else {
    rendered = (draft.body ?? '').replace(/\s+$/, '');
  }
  const marker = ticketMarker({ template: draft.template, env: draft.context.env });
  const body = rendered ? `${rendered}\n\n${marker}` : marker;
  // Leave room for the idempotency marker appended when sending.
  const tooLong = checkBodyLength(body + '\n\n<!-- youops:idempotency-key=' + draft.id + ' -->');
  if (tooLong) problems.push(tooLong);
  return { title, body, labels: draft.labels, assignees: draft.assignees, problems };
}
