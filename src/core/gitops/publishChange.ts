import type { ChangeWorktree } from './changeWorktree';
import type { ChangeText } from './changeText';
import { GitOpsError } from './gitOpsError';
import type { ChangePullRequest, OpenedPullRequest, PullRequestPort } from './pullRequestPort';

export interface PublishedChange {
  branch: string;
  base: string;
  commit: string;
  /** Absent when no PR port was available (not signed in, not a GitHub remote): then `resume` says what to do. */
  pullRequest?: OpenedPullRequest;
  resume?: string[];
  /** The pull request that was not opened, ready to open later on the pushed branch (after a sign-in). */
  pendingPullRequest?: ChangePullRequest;
}

/** Where the pull request goes, asked once the branch is pushed (it may sign in); no port = push only. */
export type PullRequestAccessFn = () => Promise<{ port?: PullRequestPort; manualUrl?: (base: string, branch: string) => string }>;

/**
 * Commit, push (never forced), then the pull request. The branch is pushed before anything is
 * asked about GitHub, so a declined or pending sign-in never holds the change back. A failed
 * push or PR leaves the local branch with its commit and says how to finish by hand; nothing is
 * retried behind the user's back.
 */
export async function publishChange(wt: ChangeWorktree, text: ChangeText, pullRequests: PullRequestAccessFn): Promise<PublishedChange> {
  const commit = await wt.commit(text.commitMessage);
  await wt.push();
  const request: ChangePullRequest = { title: text.title, body: text.body, head: wt.branch, base: wt.base, labels: text.labels };
  const { port, manualUrl } = await pullRequests();
  const manualPrUrl = manualUrl?.(wt.base, wt.branch);
  const openByHand = manualPrUrl ? `open ${manualPrUrl}` : `open a pull request from ${wt.branch} into ${wt.base}`;
  if (!port) return { branch: wt.branch, base: wt.base, commit, resume: [openByHand], pendingPullRequest: request };
  try {
    const pullRequest = await port.createPullRequest(request);
    return { branch: wt.branch, base: wt.base, commit, pullRequest };
  } catch (err) {
    throw new GitOpsError('pullRequestFailed', `${wt.branch} is pushed, but the pull request could not be opened: ${(err as Error).message}`, {
      branch: wt.branch,
      steps: [openByHand],
    });
  }
}
