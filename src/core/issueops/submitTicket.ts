import type { Created, GitHubClient } from '../github/githubClient';
import { GitHubError } from '../github/githubError';
import type { RepoRef } from '../github/repoRef';
import type { GitHubIssue } from '../github/types';
import { buildTicket } from './buildTicket';
import type { IssueTemplate } from './issueTemplate';
import type { TicketDraft } from './ticketDraft';

/** Earlier attempts can only be younger than the draft; a margin covers clock skew with GitHub. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Creates the draft's issue at most once: the draft id is the idempotency key,
 * and a draft that was tried before is first looked up on GitHub, so a lost
 * answer, a retry or a double click never yields two tickets.
 */
export async function submitTicket(client: GitHubClient, repo: RepoRef, draft: TicketDraft, template: IssueTemplate | undefined): Promise<Created<GitHubIssue>> {
  const ticket = buildTicket(draft, template);
  if (ticket.problems.length) {
    const tooLarge = ticket.problems.find((p) => /GitHub accepts at most/.test(p));
    throw new GitHubError(tooLarge ? 'tooLarge' : 'validation', tooLarge ?? `The ticket is incomplete: ${ticket.problems.join('; ')}`);
  }
  return client.createIssue(
    repo,
    { title: ticket.title, body: ticket.body, labels: ticket.labels, assignees: ticket.assignees },
    { idempotencyKey: draft.id, checkFirst: draft.attempts > 0, since: new Date(new Date(draft.createdAt).getTime() - CLOCK_SKEW_MS) },
  );
}
