import type { GitHubClient } from '../github/githubClient';
import { formatRepo, type RepoRef } from '../github/repoRef';

export interface ChangePullRequest {
  title: string;
  body: string;
  head: string;
  base: string;
  labels: string[];
}

export interface OpenedPullRequest {
  number: number;
  url: string;
  /** An open PR for the same branch existed already. */
  reused: boolean;
  /** Labels GitHub refused (e.g. no permission); the PR is open regardless. */
  labelError?: string;
}

/** Where promotions and rollbacks open their pull requests (GitHub; tests may pass another). */
export interface PullRequestPort {
  readonly repo: string;
  /** `signal` abandons the request (GitHub may still open the pull request). */
  createPullRequest(pr: ChangePullRequest, signal?: AbortSignal): Promise<OpenedPullRequest>;
}

/** The port over the shared Octokit client; labels are added after creation, as GitHub requires. */
export function gitHubPullRequestPort(client: GitHubClient, repo: RepoRef): PullRequestPort {
  return {
    repo: formatRepo(repo),
    async createPullRequest(pr, signal) {
      const created = await client.createPullRequest(repo, { title: pr.title, body: pr.body, head: pr.head, base: pr.base }, { signal });
      let labelError: string | undefined;
      if (pr.labels.length) {
        try {
          await client.request(
            'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
            { owner: repo.owner, repo: repo.repo, issue_number: created.number, labels: pr.labels },
            `Pull request #${created.number} in ${formatRepo(repo)}`,
          );
        } catch (err) {
          labelError = (err as Error).message;
        }
      }
      return { number: created.number, url: created.htmlUrl, reused: created.reused, ...(labelError ? { labelError } : {}) };
    },
  };
}
