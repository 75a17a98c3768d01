import { GitHubError } from '../github/githubError';
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

/** How the publishing steps are watched: `signal` stops the push or the pull-request request, `step` names the step running. */
export interface PublishOptions {
  signal?: AbortSignal;
  step?: (message: string) => void;
}

/**
 * Runs the publishing steps (commit, push, pull request) the surface's way — under a
 * cancellable progress in the editor; without one they simply run.
 */
export type Publishing = <T>(work: (options: PublishOptions) => Promise<T>) => Promise<T>;

export const unwatched: Publishing = (work) => work({});

/**
 * Commit, push (never forced), then the pull request. The branch is pushed before anything is
 * asked about GitHub, so a declined or pending sign-in never holds the change back. A failed or
 * cancelled push or PR leaves the local branch with its commit and says how to finish by hand;
 * nothing is retried behind the user's back.
 */
export async function publishChange(wt: ChangeWorktree, text: ChangeText, pullRequests: PullRequestAccessFn, options: PublishOptions = {}): Promise<PublishedChange> {
  const { signal, step = () => undefined } = options;
  step(`committing on ${wt.branch}`);
  const commit = await wt.commit(text.commitMessage);
  if (signal?.aborted) {
    throw new GitOpsError('cancelled', `cancelled before ${wt.branch} was pushed`, {
      branch: wt.branch,
      steps: [`git push --set-upstream origin ${wt.branch}`, `open a pull request from ${wt.branch} into ${wt.base}`],
    });
  }
  step(`pushing ${wt.branch} to origin`);
  await wt.push(signal);
  const request: ChangePullRequest = { title: text.title, body: text.body, head: wt.branch, base: wt.base, labels: text.labels };
  step('reaching GitHub (a sign-in may be asked)');
  const { port, manualUrl } = await pullRequests();
  const manualPrUrl = manualUrl?.(wt.base, wt.branch);
  const openByHand = manualPrUrl ? `open ${manualPrUrl}` : `open a pull request from ${wt.branch} into ${wt.base}`;
  if (!port) return { branch: wt.branch, base: wt.base, commit, resume: [openByHand], pendingPullRequest: request };
  step(`opening the pull request in ${port.repo}`);
  try {
    if (signal?.aborted) throw new GitHubError('cancelled', 'Cancelled before the pull request was requested.');
    const pullRequest = await port.createPullRequest(request, signal);
    return { branch: wt.branch, base: wt.base, commit, pullRequest };
  } catch (err) {
    if (signal?.aborted) {
      // The request may have reached GitHub: the person checks before opening another.
      throw new GitOpsError('cancelled', `cancelled while opening the pull request: ${wt.branch} is pushed, and GitHub may have opened the pull request already`, {
        branch: wt.branch,
        steps: [openByHand],
      });
    }
    throw new GitOpsError('pullRequestFailed', `${wt.branch} is pushed, but the pull request could not be opened: ${(err as Error).message}`, {
      branch: wt.branch,
      steps: [openByHand],
    });
  }
}
