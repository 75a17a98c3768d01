import type { FormValues } from './issueTemplate';
import type { TicketContext } from './ticketContext';

/**
 * Everything a person entered for one ticket. Kept until GitHub confirmed the
 * issue, so a failure (offline, 401, 422, too long) never loses their input;
 * `id` doubles as the idempotency key, so re-sending cannot create a second issue.
 */
export interface TicketDraft {
  id: string;
  repo: string;
  /** Template file name, or undefined for a blank issue. */
  template?: string;
  title: string;
  values: FormValues;
  /** Body of a Markdown template or blank issue (forms render theirs from `values`). */
  body?: string;
  labels: string[];
  assignees: string[];
  context: TicketContext;
  createdAt: string;
  /** Attempts started; counted and stored before each request, so a re-send always checks GitHub first. */
  attempts: number;
  lastAttemptAt?: string;
  lastError?: string;
}

export function newDraftId(now = new Date(), random = Math.random): string {
  return `t-${now.getTime().toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}
