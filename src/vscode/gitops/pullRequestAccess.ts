import { compareUrl } from '../../core/github/repoRef';
import { remoteRepo } from '../../core/github/remoteRepo';
import { gitHubPullRequestPort, type PullRequestPort } from '../../core/gitops/pullRequestPort';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import { githubEndpoint } from '../shared/github/gitHubEndpoint';

export interface PullRequestAccess {
  port?: PullRequestPort;
  manualUrl?: (base: string, branch: string) => string;
  /** Why no port: shown with the resume steps. */
  reason?: string;
}

/**
 * The pull-request side of a GitOps change: the repository of the `origin` remote (where the
 * branch was pushed) and the GitHub sign-in (asking to sign in; the branch is pushed either
 * way). Without them, the result says how to open the PR by hand.
 */
export async function pullRequestAccess(repoDir: string, github: GitHubAccess): Promise<PullRequestAccess> {
  const repo = await remoteRepo(repoDir);
  if (!repo) return { reason: 'the origin remote is not a GitHub repository' };
  const manualUrl = (base: string, branch: string) => compareUrl(repo, base, branch);
  if (!github.sendsTokenTo(repo.host)) {
    return { manualUrl, reason: `origin is on ${repo.host}, but YouOps talks to ${githubEndpoint().host} (youops.github.enterpriseUrl)` };
  }
  let connected;
  try {
    connected = await github.client('prompt');
  } catch (err) {
    return { manualUrl, reason: `GitHub sign-in failed: ${(err as Error).message}` };
  }
  if (!connected) return { manualUrl, reason: 'not signed in to GitHub' };
  return { port: gitHubPullRequestPort(connected.client, repo), manualUrl };
}
