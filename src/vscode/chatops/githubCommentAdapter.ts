import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { githubClientCommentPort, pullRequestForBranch } from '../../core/chatops/transports/githubClientCommentPort';
import type { GitHubCommentPort } from '../../core/chatops/transports/githubCommentPort';
import type { YouOpsConfig } from '../../core/config/types';
import { currentBranch } from '../../core/git/history';
import { remoteRepo } from '../../core/github/remoteRepo';
import { GitHubClient } from '../../core/github/githubClient';
import { parseRepo, type RepoRef } from '../../core/github/repoRef';
import { GitHubAuth } from '../auth/githubAuth';

/**
 * Connects the github transport to the IssueOps GitHub client: VS Code's GitHub sign-in
 * (the token never passes through ChatOps' own secrets), the repository of issueops.github.repo
 * or the origin remote, and the configured issue or else the current branch's open pull request.
 */
export async function githubCommentPort(config: YouOpsConfig, rootDir: string, issue: number | undefined): Promise<{ port: GitHubCommentPort; issue: number }> {
  const auth = new GitHubAuth();
  let session;
  try {
    session = await auth.session('prompt');
  } finally {
    auth.dispose();
  }
  if (!session) throw new ChatOpsError('no-secret', 'sign in to GitHub to send commands as comments');
  const client = new GitHubClient({ token: session.accessToken, baseUrl: session.endpoint.baseUrl, userAgent: 'youops-vscode' });
  const repo = await repoOf(config, rootDir, session.endpoint.host);
  let number = issue;
  if (number === undefined) {
    const branch = await currentBranch(rootDir);
    if (!branch) throw new ChatOpsError('unsupported', 'no branch is checked out: set chatops.transports.github.issue to the issue or pull request to comment on');
    number = await pullRequestForBranch(client, repo, branch);
    if (number === undefined) throw new ChatOpsError('unsupported', `no open pull request for ${branch} in ${repo.owner}/${repo.repo}: open one, or set chatops.transports.github.issue`);
  }
  return { port: githubClientCommentPort(client, repo), issue: number };
}

/** "Sign in again" after GitHub rejected the session: a new one replaces it; false when the person gave up. */
export async function signInToGitHubAgain(): Promise<boolean> {
  const auth = new GitHubAuth();
  try {
    return (await auth.session('reauth')) !== undefined;
  } finally {
    auth.dispose();
  }
}

async function repoOf(config: YouOpsConfig, rootDir: string, host: string): Promise<RepoRef> {
  const configured = config.issueops.repo ? parseRepo(config.issueops.repo, host) : undefined;
  if (configured) return { ...configured, host };
  const detected = await remoteRepo(rootDir);
  if (!detected) throw new ChatOpsError('unsupported', 'no GitHub repository: set issueops.github.repo in youops.yaml or add an origin remote on GitHub');
  return detected;
}
