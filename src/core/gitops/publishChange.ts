import type { ChangeWorktree } from './changeWorktree';
import type { ChangeText } from './changeText';
import { GitOpsError } from './gitOpsError';
import type { OpenedPullRequest, PullRequestPort } from './pullRequestPort';

export interface PublishedChange {
  branch: string;
  base: string;
  commit: string;
  /** Absent when no PR port was available (not signed in, not a GitHub remote): then `resume` says what to do. */
  pullRequest?: OpenedPullRequest;
  resume?: string[];
}

/**
 * Commit, push (never forced), pull request. A failed push or PR leaves the local branch
 * with its commit and says how to finish by hand; nothing is retried behind the user's back.
 */
export async function publishChange(wt: ChangeWorktree, text: ChangeText, port: PullRequestPort | undefined, manualPrUrl?: string): Promise<PublishedChange> {
  const commit = await wt.commit(text.commitMessage);
  await wt.push();
  const openByHand = manualPrUrl ? `open ${manualPrUrl}` : `open a pull request from ${wt.branch} into ${wt.base}`;
  if (!port) return { branch: wt.branch, base: wt.base, commit, resume: [openByHand] };
  try {
    const pullRequest = await port.createPullRequest({ title: text.title, body: text.body, head: wt.branch, base: wt.base, labels: text.labels });
    return { branch: wt.branch, base: wt.base, commit, pullRequest };
  } catch (err) {
    throw new GitOpsError('pullRequestFailed', `${wt.branch} is pushed, but the pull request could not be opened: ${(err as Error).message}`, {
      branch: wt.branch,
      steps: [openByHand],
    });
  }
}
