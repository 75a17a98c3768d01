import { ChatOpsError } from '../chatOpsError';
import { httpRequest, retryAfterSeconds } from './httpRequest';

export const SLACK_API_URL = 'https://slack.com/api/';

export interface SlackMessage {
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  username?: string;
  bot_profile?: { name?: string };
}

/** What Slack's error codes mean for the person sending (https://api.slack.com/methods/chat.postMessage#errors). */
const ERRORS: Record<string, (channel: string) => ChatOpsError> = {
  invalid_auth: () => new ChatOpsError('invalid_auth', 'Slack rejected the bot token (invalid_auth): set a new one with "YouOps: Set Slack Bot Token"'),
  not_authed: () => new ChatOpsError('invalid_auth', 'Slack received no bot token (not_authed): set one with "YouOps: Set Slack Bot Token"'),
  token_revoked: () => new ChatOpsError('invalid_auth', 'the Slack bot token was revoked (token_revoked): set a new one with "YouOps: Set Slack Bot Token"'),
  account_inactive: () => new ChatOpsError('invalid_auth', 'the Slack bot behind this token is deactivated (account_inactive)'),
  not_in_channel: (c) => new ChatOpsError('not_in_channel', `the bot is not a member of ${c} (not_in_channel): invite it with "/invite @your-bot" in ${c}`),
  channel_not_found: (c) => new ChatOpsError('channel_not_found', `Slack knows no channel ${c} (channel_not_found): check chatops.transports.slack.channel`),
  is_archived: (c) => new ChatOpsError('rejected', `${c} is archived (is_archived)`),
  missing_scope: () => new ChatOpsError('invalid_auth', 'the Slack bot token lacks a scope (missing_scope): it needs chat:write and channels:history'),
};

/** A thread is read page by page; this bounds one read (200 messages a page). */
const MAX_PAGES = 20;

/**
 * The three Slack Web API methods ChatOps needs, against a configurable base URL, sent as
 * Slack documents them: the write method with a JSON body, the read methods form-encoded
 * (Slack ignores JSON arguments there), `conversations.replies` followed through its cursors.
 */
export class SlackWebApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  authTest(signal?: AbortSignal): Promise<{ user_id: string; user?: string; team?: string; bot_id?: string }> {
    return this.call('auth.test', {}, 'form', signal) as never;
  }

  async postMessage(channel: string, text: string, signal?: AbortSignal): Promise<{ channel: string; ts: string }> {
    // unfurl off: a command is not a link preview; link_names off: mentions stay as escaped.
    return (await this.call('chat.postMessage', { channel, text, unfurl_links: false, unfurl_media: false, link_names: false }, 'json', signal, channel, true)) as never;
  }

  /** Every message of the thread from `oldest` on, over as many pages as Slack needs. */
  async replies(channel: string, ts: string, oldest: string, signal?: AbortSignal): Promise<SlackMessage[]> {
    const messages: SlackMessage[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = (await this.call('conversations.replies', { channel, ts, oldest, limit: 200, ...(cursor ? { cursor } : {}) }, 'form', signal, channel)) as {
        messages?: SlackMessage[];
        response_metadata?: { next_cursor?: string };
      };
      messages.push(...(r.messages ?? []));
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return messages;
  }

  private async call(method: string, args: Record<string, unknown>, encoding: 'json' | 'form', signal: AbortSignal | undefined, channel = '', posting = false): Promise<Record<string, unknown>> {
    const url = new URL(method, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`).toString();
    const body =
      encoding === 'json'
        ? JSON.stringify(args)
        : new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const res = await httpRequest(url, {
      headers: { authorization: `Bearer ${this.token}`, 'content-type': encoding === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded' },
      body,
      timeoutMs: this.timeoutMs,
      signal,
      what: `Slack (${method})`,
    });
    // A read that timed out changes nothing; only a post can be ambiguous.
    if (res.status === 429) {
      const after = retryAfterSeconds(res.headers) ?? 30;
      throw new ChatOpsError('ratelimited', `Slack is rate-limiting ${method} (ratelimited): try again in ${after} s`, 'not-sent', after);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      throw new ChatOpsError('rejected', `Slack (${method}) answered HTTP ${res.status} without JSON`, posting && res.status < 400 ? 'unknown' : 'not-sent');
    }
    if (parsed.ok === true) return parsed;
    const code = typeof parsed.error === 'string' ? parsed.error : `HTTP ${res.status}`;
    if (code === 'ratelimited') {
      const after = retryAfterSeconds(res.headers) ?? 30;
      throw new ChatOpsError('ratelimited', `Slack is rate-limiting ${method} (ratelimited): try again in ${after} s`, 'not-sent', after);
    }
    throw ERRORS[code]?.(channel) ?? new ChatOpsError('rejected', `Slack refused ${method}: ${code}`);
  }
}
