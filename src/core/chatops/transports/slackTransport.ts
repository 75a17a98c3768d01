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
  /** The answering bot's user id (U…) or bot id (B…); without it, any bot but YouOps' own token. */
  bot?: string;
}

/**
 * Slack runs a slash command only when a person types it in the client; posted through the
 * Web API it is plain text no bot sees as a command. Undefined when `text` is not one.
 */
export function slackSlashCommandProblem(text: string): string | undefined {
  const command = /^\s*(\/[\w-]+)/.exec(text)?.[1];
  if (!command) return undefined;
  return `Slack does not run slash commands posted through its API: "${command}" would arrive as plain text that no bot acts on. Mention the bot instead ("<@U0BOT> ${`${command.slice(1)} ${text.trim().slice(command.length).trim()}`.trim()}" with the bot's user id from Slack), or send the command to the bot's HTTP endpoint (the http transport)`;
}

/** chat.postMessage to a channel, then the bot's answers from the message's thread — the bot's only. */
export class SlackTransport implements ChatTransport {
  readonly kind = 'slack';
  readonly escape = 'slack';
  readonly destination: string;
  private readonly api: SlackWebApi;
  private self: { user_id: string; bot_id?: string } | undefined;

  constructor(private readonly options: SlackTransportOptions) {
    this.api = new SlackWebApi(options.apiUrl, options.token, options.timeoutMs);
    this.destination = `Slack ${options.channel}`;
  }

  async send(text: string, signal?: AbortSignal): Promise<Posted> {
    const slash = slackSlashCommandProblem(text);
    if (slash) throw new ChatOpsError('unsupported', slash, 'not-sent');
    // auth.test first so a bad token is reported as such, not as a failed post; it also says who we are.
    this.self ??= await this.api.authTest(signal);
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
        if (!this.fromTheBot(m)) continue;
        const reply = { author: m.username ?? m.bot_profile?.name ?? m.user ?? 'someone', text: unescapeSlack(m.text ?? ''), at: new Date(Number(m.ts) * 1000) };
        if (onReply(reply)) return;
      }
    }
  }

  /** The configured bot, else any bot message that is not YouOps' own post. People in the thread decide nothing. */
  private fromTheBot(m: SlackMessage): boolean {
    const bot = this.options.bot;
    if (bot) return m.user === bot || m.bot_id === bot;
    const isBot = !!m.bot_id || m.subtype === 'bot_message';
    return isBot && m.user !== this.self?.user_id && (!this.self?.bot_id || m.bot_id !== this.self.bot_id);
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
