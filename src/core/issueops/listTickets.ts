import type { GitHubClient } from '../github/githubClient';
import type { RepoRef } from '../github/repoRef';
import type { GitHubIssue } from '../github/types';
import type { IssueTemplate } from './issueTemplate';
import { parseIssueBody } from './parseIssueBody';
import { readTicketMarker } from './ticketMarker';
import { linkedPullRequests, ticketStatus, type TicketStatus } from './ticketStatus';

export interface Ticket {
  issue: GitHubIssue;
  env?: string;
  template?: string;
  status: TicketStatus;
  /** Pull requests the ticket or its comments link to. */
  pullRequests: number[];
}

/**
 * The open IssueOps tickets of a repository: issues YouOps opened (its marker)
 * or that carry a label of one of the templates. Requests are conditional, so
 * a refresh where nothing changed costs no rate limit.
 */
export async function listTickets(client: GitHubClient, repo: RepoRef, templates: IssueTemplate[], envNames: string[]): Promise<Ticket[]> {
  const templateLabels = new Set(templates.flatMap((t) => t.labels));
  const issues = await client.listIssues(repo, { state: 'open', perPage: 100 });
  const tickets = issues.filter((i) => readTicketMarker(i.body) || i.labels.some((l) => templateLabels.has(l)));
  return Promise.all(
    tickets.map(async (issue) => {
      const marker = readTicketMarker(issue.body);
      // Only the newest page holds the latest answer.
      const comments = issue.comments > 0 ? await client.listComments(repo, issue.number, { perPage: 100, page: Math.ceil(issue.comments / 100) }) : [];
      return {
        issue,
        env: marker?.env ?? environmentOf(issue, envNames),
        template: marker?.template ?? templates.find((t) => t.labels.length > 0 && t.labels.every((l) => issue.labels.includes(l)))?.file,
        status: ticketStatus(comments),
        pullRequests: linkedPullRequests([issue.body, ...comments.map((c) => c.body)], repo.owner, repo.repo),
      };
    }),
  );
}

/** A ticket opened on github.com: its "Environment" answer, else an environment label. */
function environmentOf(issue: GitHubIssue, envNames: string[]): string | undefined {
  const sections = parseIssueBody(issue.body);
  for (const [label, value] of sections) {
    if (!/\b(env|environment|stage|target)\b/i.test(label)) continue;
    const env = envNames.find((e) => e.toLowerCase() === value.trim().toLowerCase());
    if (env) return env;
  }
  return envNames.find((e) => issue.labels.some((l) => l.toLowerCase() === e.toLowerCase() || l.toLowerCase() === `env:${e.toLowerCase()}`));
}
