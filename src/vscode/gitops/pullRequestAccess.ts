import { GitHubClient } from '../../core/github/githubClient';
import { compareUrl } from '../../core/github/repoRef';
import { remoteRepo } from '../../core/github/remoteRepo';
import { gitHubPullRequestPort, type PullRequestPort } from '../../core/gitops/pullRequestPort';
import type { GitHubAuth } from '../auth/githubAuth';
import { githubEndpoint } from '../auth/githubEndpoint';

export interface PullRequestAccess {
  port?: PullRequestPort;
  manualUrl?: (base: string, branch: string) => string;
  /** Why no port: shown with the resume steps. */
  reason?: string;
}

/**
 * The pull-request side of a GitOps change: the repository of the `origin` remote and a
 * GitHub session (asking to sign in; the branch is pushed either way). Without one, the
 * result says how to open the PR by hand.
 */
export async function pullRequestAccess(repoDir: string, auth: GitHubAuth, log: (m: string) => void): Promise<PullRequestAccess> {
  const repo = await remoteRepo(repoDir);
  if (!repo) return { reason: 'the origin remote is not a GitHub repository' };
  const manualUrl = (base: string, branch: string) => compareUrl(repo, base, branch);
  const endpoint = githubEndpoint();
  if (repo.host !== endpoint.host && !endpoint.loopback) {
    return { manualUrl, reason: `origin is on ${repo.host}, but YouOps talks to ${endpoint.host} (youops.github.enterpriseUrl)` };
  }
  let session;
  try {
    session = await auth.session('prompt');
  } catch (err) {
    return { manualUrl, reason: `GitHub sign-in failed: ${(err as Error).message}` };
  }
  if (!session) return { manualUrl, reason: 'not signed in to GitHub' };
  const client = new GitHubClient({ token: session.accessToken, baseUrl: session.endpoint.baseUrl, userAgent: 'youops-vscode', log });
  return { port: gitHubPullRequestPort(client, repo), manualUrl };
}
