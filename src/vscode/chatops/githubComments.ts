import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { githubClientCommentPort, pullRequestForBranch } from '../../core/chatops/transports/githubClientCommentPort';
import type { GitHubCommentPort } from '../../core/chatops/transports/githubCommentPort';
import { currentBranch } from '../../core/git/history';
import type { GitHubAccess } from '../shared/github/gitHubAccess';

/**
 * The github transport's issue or pull request, through the one GitHub access (VS Code's
 * GitHub sign-in: the token never passes through ChatOps' own secrets): the configured issue,
 * else the current branch's open pull request in the workspace's repository.
 */
export function githubComments(github: GitHubAccess, rootDir: string, issue: number | undefined): Promise<{ port: GitHubCommentPort; issue: number }> {
  return github.run(true, async ({ client, repo }) => {
    let number = issue;
    if (number === undefined) {
      const branch = await currentBranch(rootDir);
      if (!branch)
        throw new ChatOpsError('unsupported', 'no branch is checked out: set chatops.transports.github.issue to the issue or pull request to comment on');
      number = await pullRequestForBranch(client, repo, branch);
      if (number === undefined)
        throw new ChatOpsError(
          'unsupported',
          `no open pull request for ${branch} in ${repo.owner}/${repo.repo}: open one, or set chatops.transports.github.issue`,
        );
    }
    return { port: githubClientCommentPort(client, repo), issue: number };
  });
}
