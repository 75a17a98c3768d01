import { BRANCH_DEPLOY_BOT, branchDeployVerdict } from '../branchDeploy';
import { ChatOpsError } from '../chatOpsError';
import { sleep } from '../sleep';
import type { GitHubCommentPort } from './githubCommentPort';
import type { BotReply, ChatTransport, Posted } from './transport';

/**
 * Branch-deploy style: the command is a comment on a PR or issue; the bot answers with
 * comments. Only the bot's comments are followed — a colleague writing "failed?" in the
 * thread decides nothing — and branch-deploy's own result comments are read by their heading.
 */
export class GitHubTransport implements ChatTransport {
  readonly kind = 'github';
  readonly escape = 'github';
  readonly destination: string;

  constructor(
    private readonly port: GitHubCommentPort,
    private readonly issue: number,
    private readonly pollMs = 5000,
    /** The bot's login (branch-deploy in Actions: github-actions[bot]). */
    private readonly bot = BRANCH_DEPLOY_BOT,
  ) {
    this.destination = `GitHub ${port.repo}#${issue}`;
  }

  async send(text: string, signal?: AbortSignal): Promise<Posted> {
    const posted = await this.port.postComment(this.issue, text, signal);
    return {
      link: posted.url,
      replies: [],
      follow: async (ms, onReply, followSignal) => {
        const deadline = Date.now() + ms;
        const seen = new Set([posted.id]);
        while (!followSignal?.aborted && Date.now() < deadline) {
          await sleep(Math.min(this.pollMs, Math.max(0, deadline - Date.now())), followSignal);
          if (followSignal?.aborted) return;
          let comments;
          try {
            comments = await this.port.listCommentsSince(this.issue, posted.createdAt, followSignal);
          } catch (err) {
            if (err instanceof ChatOpsError && err.code === 'ratelimited') continue;
            throw err;
          }
          for (const c of comments) {
            if (seen.has(c.id)) continue;
            seen.add(c.id);
            if (c.author.toLowerCase() !== this.bot.toLowerCase()) continue;
            const reply: BotReply = { author: c.author, text: c.body, at: c.createdAt, verdict: branchDeployVerdict(c.body) };
            if (onReply(reply)) return;
          }
        }
      },
    };
  }
}
