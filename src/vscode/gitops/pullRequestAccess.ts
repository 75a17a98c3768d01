import { compareUrl } from '../../core/github/repoRef';
import { remoteRepo } from '../../core/github/remoteRepo';
import { gitHubPullRequestPort, type PullRequestPort } from '../../core/gitops/pullRequestPort';
import { Failure } from '../shared/commands/failure';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import { githubEndpoint } from '../shared/github/gitHubEndpoint';

export interface PullRequestAccess {
  port?: PullRequestPort;
  manualUrl?: (base: string, branch: string) => string;
  /** Why no port: shown with the pushed branch. */
  reason?: string;
  /** The sign-in failure behind `reason`: its fix (sign in) opens the pull request afterwards. */
  failure?: unknown;
}

/**
 * The pull-request side of a GitOps change: the repository of the `origin` remote (where the
 * branch was pushed) and the GitHub sign-in (asking to sign in once the branch is pushed).
 * Without them, the result says how to open the PR: the compare page, or a sign-in.
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
    return { manualUrl, reason: signInReason(err), failure: err };
  }
  if (!connected) return { manualUrl, reason: 'not signed in to GitHub', failure: new Failure('signedOut', 'Not signed in to GitHub.') };
  return { port: gitHubPullRequestPort(connected.client, repo), manualUrl };
}

/** A sign-in failure as the reason no pull request was opened: "the GitHub sign-in was cancelled". */
export function signInReason(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
  return message.charAt(0).toLowerCase() + message.slice(1);
}
