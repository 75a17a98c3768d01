import { idempotencyMarker } from '../github/idempotencyMarker';
import { checkBodyLength } from './bodyLimit';
import type { IssueTemplate } from './issueTemplate';
import { renderIssueBody } from './renderIssueBody';
import { unreplacedPlaceholders } from './renderTitle';
import type { TicketDraft } from './ticketDraft';
import { ticketMarker } from './ticketMarker';
import { validateForm } from './validateForm';

export interface BuiltTicket {
  title: string;
  /** The hidden ticket marker, then the rendered body (the idempotency marker is put in front of it when sending). */
  body: string;
  labels: string[];
  assignees: string[];
  /** Reasons GitHub (or its web form) would refuse it; empty when it can be sent. */
  problems: string[];
}

/**
 * The issue a draft becomes, checked before anything is sent. Machine markers go before
 * the first `### ` heading, where issue-form parsers read nothing: after the last field
 * they would become part of its answer.
 */
export function buildTicket(draft: TicketDraft, template: IssueTemplate | undefined): BuiltTicket {
  const problems: string[] = [];
  const title = draft.title.trim();
  const left = unreplacedPlaceholders(title, template?.title);
  if (!title) problems.push('The title is empty');
  else if (left.length) problems.push(`The title still has the template's placeholder${left.length > 1 ? 's' : ''} ${left.join(', ')}: ${title}`);
  let rendered: string;
  if (template?.kind === 'form') {
    problems.push(...validateForm(template, draft.values).map((p) => p.message));
    rendered = renderIssueBody(template, draft.values);
  } else {
    rendered = (draft.body ?? '').replace(/\s+$/, '');
  }
  const marker = ticketMarker({ template: draft.template, env: draft.context.env });
  const body = rendered ? `${marker}\n\n${rendered}` : marker;
  // Leave room for the idempotency marker put in front when sending.
  const tooLong = checkBodyLength(`${idempotencyMarker(draft.id)}\n${body}`);
  if (tooLong) problems.push(tooLong);
  return { title, body, labels: draft.labels, assignees: draft.assignees, problems };
}
