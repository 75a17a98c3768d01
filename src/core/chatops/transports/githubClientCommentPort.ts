import type { GitHubClient } from '../../github/githubClient';
import { GitHubError } from '../../github/githubError';
import { formatRepo, type RepoRef } from '../../github/repoRef';
import type { GitHubComment as ClientComment } from '../../github/types';
import { ChatOpsError } from '../chatOpsError';
import type { GitHubComment, GitHubCommentPort } from './githubCommentPort';

/** The github transport's port on top of the IssueOps GitHub client. */
export function githubClientCommentPort(client: GitHubClient, repo: RepoRef): GitHubCommentPort {
  return {
    repo: formatRepo(repo),
    async postComment(issue, body, signal) {
      // Verbatim (bots such as branch-deploy match the whole comment); the client retries only
      // after listing the comments since the attempt shows ours did not arrive.
      return toComment(await mapErrors(() => client.createComment(repo, issue, body, { signal }), true));
    },
    async listCommentsSince(issue, since, signal) {
      const comments = await mapErrors(() => client.listComments(repo, issue, { since, signal }), false);
      return comments.map(toComment).filter((c) => c.createdAt >= since);
    },
  };
}

/** The open pull request whose head is `branch`, for commands sent "on the current PR". */
export async function pullRequestForBranch(client: GitHubClient, repo: RepoRef, branch: string): Promise<number | undefined> {
  const prs = await mapErrors(() => client.listPullRequests(repo, { state: 'open', head: `${repo.owner}:${branch}` }), false);
  return prs[0]?.number;
}

function toComment(c: ClientComment): GitHubComment {
  return { id: c.id, body: c.body, author: c.user?.login ?? 'someone', createdAt: new Date(c.createdAt), url: c.htmlUrl };
}

async function mapErrors<T>(call: () => Promise<T>, posting: boolean): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof GitHubError)) throw err;
    switch (err.kind) {
      case 'unauthorized':
        // The client's message already says to sign in again.
        return Promise.reject(new ChatOpsError('invalid_auth', err.message));
      case 'rateLimited':
        return Promise.reject(new ChatOpsError('ratelimited', err.message, 'not-sent', err.resetAt ? Math.max(0, Math.ceil((err.resetAt.getTime() - Date.now()) / 1000)) : undefined));
      case 'network':
        return Promise.reject(new ChatOpsError('unreachable', err.message, posting ? 'unknown' : 'not-sent'));
      case 'server':
        return Promise.reject(new ChatOpsError('rejected', err.message, posting ? 'unknown' : 'not-sent'));
      default:
        return Promise.reject(new ChatOpsError('rejected', err.message));
    }
  }
}
