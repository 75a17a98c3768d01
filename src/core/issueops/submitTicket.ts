import type { Created, GitHubClient } from '../github/githubClient';
import { GitHubError } from '../github/githubError';
import type { RepoRef } from '../github/repoRef';
import type { GitHubIssue } from '../github/types';
import { buildTicket } from './buildTicket';
import type { IssueTemplate } from './issueTemplate';
import type { TicketDraft } from './ticketDraft';

/** Earlier attempts can only be younger than the draft; a margin covers clock skew with GitHub. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** The created (or found) issue, and what GitHub silently left out of it. */
export type SubmittedTicket = Created<GitHubIssue> & {
  /**
   * Labels and assignees asked for but missing from the issue: GitHub drops them without
   * an error when the requester has no push access. An automation that starts on a label
   * will then not start.
   */
  dropped: { labels: string[]; assignees: string[] };
};

export interface SubmitOptions {
  /** Stores the draft; called with the attempt counted, before the request leaves. */
  persist?: (draft: TicketDraft) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Creates the draft's issue at most once: the draft id is the idempotency key, the attempt
 * is persisted before the POST, and any draft tried before — even one whose window closed
 * mid-request — is first looked up on GitHub, so a lost answer, a retry or a double click
 * never yields two tickets.
 */
export async function submitTicket(client: GitHubClient, repo: RepoRef, draft: TicketDraft, template: IssueTemplate | undefined, options: SubmitOptions = {}): Promise<SubmittedTicket> {
  const ticket = buildTicket(draft, template);
  if (ticket.problems.length) {
    const tooLarge = ticket.problems.find((p) => /GitHub accepts at most/.test(p));
    throw new GitHubError(tooLarge ? 'tooLarge' : 'validation', tooLarge ?? `The ticket is incomplete: ${ticket.problems.join('; ')}`);
  }
  const triedBefore = draft.attempts > 0;
  draft.attempts++;
  draft.lastAttemptAt = new Date().toISOString();
  await options.persist?.(draft);
  const issue = await client.createIssue(
    repo,
    { title: ticket.title, body: ticket.body, labels: ticket.labels, assignees: ticket.assignees },
    { idempotencyKey: draft.id, checkFirst: triedBefore, since: new Date(new Date(draft.createdAt).getTime() - CLOCK_SKEW_MS), signal: options.signal },
  );
  return { ...issue, dropped: droppedFrom(issue, ticket.labels, ticket.assignees) };
}

/** GitHub matches label names and logins case-insensitively. */
export function droppedFrom(issue: Pick<GitHubIssue, 'labels' | 'assignees'>, labels: string[], assignees: string[]): SubmittedTicket['dropped'] {
  const missing = (asked: string[], got: string[]) => {
    const have = new Set(got.map((x) => x.toLowerCase()));
    return asked.filter((x) => !have.has(x.toLowerCase()));
  };
  return { labels: missing(labels, issue.labels), assignees: missing(assignees, issue.assignees) };
}

/** A sentence for the person, or undefined when GitHub kept everything. */
export function describeDropped(dropped: SubmittedTicket['dropped']): string | undefined {
  const parts = [
    dropped.labels.length ? `label${dropped.labels.length > 1 ? 's' : ''} ${dropped.labels.join(', ')}` : '',
    dropped.assignees.length ? `assignee${dropped.assignees.length > 1 ? 's' : ''} ${dropped.assignees.join(', ')}` : '',
  ].filter(Boolean);
  if (!parts.length) return undefined;
  return `GitHub did not apply the ${parts.join(' and the ')}: your account has no push access to the repository, so GitHub drops them without an error. Automation that starts on a label will not start — ask a maintainer to add ${dropped.labels.length ? 'the label' : 'the assignee'}.`;
}
