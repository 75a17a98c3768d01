import { ChatOpsError } from '../chatOpsError';
import { sleep } from '../sleep';
import { SlackWebApi, type SlackMessage } from './slackWebApi';
import type { BotReply, ChatTransport, Posted } from './transport';

export interface SlackTransportOptions {
  apiUrl: string;
  token: string;
  channel: string;
  timeoutMs: number;
  /** Between two conversations.replies calls; Slack's Tier 3 allows ~50 per minute. */
  pollMs?: number;
  /** A rate-limited post is retried once when Slack asks for at most this long a pause. */
  maxRateLimitWaitSeconds?: number;
}

/** chat.postMessage to a channel, then the bot's answers from the message's thread. */
export class SlackTransport implements ChatTransport {
  readonly kind = 'slack';
  readonly escape = 'slack';
  readonly destination: string;
  private readonly api: SlackWebApi;
  private authChecked = false;

  constructor(private readonly options: SlackTransportOptions) {
    this.api = new SlackWebApi(options.apiUrl, options.token, options.timeoutMs);
    this.destination = `Slack ${options.channel}`;
  }

  async send(text: string, signal?: AbortSignal): Promise<Posted> {
    // auth.test first so a bad token is reported as such, not as a failed post.
    if (!this.authChecked) {
      await this.api.authTest(signal);
      this.authChecked = true;
    }
    const posted = await this.postOnce(text, signal);
    return {
      replies: [],
      follow: (ms, onReply, followSignal) => this.follow(posted.channel, posted.ts, ms, onReply, followSignal),
    };
  }

  /** Rate-limited posts never reached the channel, so one retry after Retry-After is safe. */
  private async postOnce(text: string, signal?: AbortSignal): Promise<{ channel: string; ts: string }> {
    try {
      return await this.api.postMessage(this.options.channel, text, signal);
    } catch (err) {
      const wait = err instanceof ChatOpsError && err.code === 'ratelimited' ? err.retryAfterSeconds : undefined;
      if (wait === undefined || wait > (this.options.maxRateLimitWaitSeconds ?? 10)) throw err;
      await sleep(wait * 1000, signal);
      return this.api.postMessage(this.options.channel, text, signal);
    }
  }

  private async follow(channel: string, ts: string, ms: number, onReply: (r: BotReply) => boolean, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + ms;
    const seen = new Set([ts]);
    const pollMs = this.options.pollMs ?? 2000;
    while (!signal?.aborted && Date.now() < deadline) {
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), signal);
      if (signal?.aborted) return;
      let messages: SlackMessage[];
      try {
        messages = await this.api.replies(channel, ts, ts, signal);
      } catch (err) {
        if (err instanceof ChatOpsError && err.code === 'ratelimited') {
          await sleep(Math.min((err.retryAfterSeconds ?? 5) * 1000, Math.max(0, deadline - Date.now())), signal);
          continue;
        }
        if (signal?.aborted) return;
        throw err;
      }
      for (const m of messages.sort((a, b) => Number(a.ts) - Number(b.ts))) {
        if (seen.has(m.ts)) continue;
        seen.add(m.ts);
        const reply = { author: m.username ?? m.bot_profile?.name ?? m.user ?? 'someone', text: unescapeSlack(m.text ?? ''), at: new Date(Number(m.ts) * 1000) };
        if (onReply(reply)) return;
      }
    }
  }
}

/** Replies arrive in Slack markup; shown as plain text in the editor. */
export function unescapeSlack(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
