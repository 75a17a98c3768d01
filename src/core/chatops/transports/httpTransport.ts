import { redactSecrets } from '../../text/redact';
import { ChatOpsError } from '../chatOpsError';
import { hostOf, isAcceptableEndpoint } from '../secretBinding';
import { httpRequest, retryAfterSeconds } from './httpRequest';
import type { BotReply, ChatTransport, Posted } from './transport';

/**
 * A bot endpoint that takes the command and answers in the response (a Hubot with the
 * hubot-youops script, a small ChatOps gateway). Request: `{ text, user, room }` as JSON,
 * with `Authorization: Bearer` when the bot wants a token. Response:
 * `{ replies: [string | { text, author }] }`, `{ text }`, or plain text.
 */
export class HttpTransport implements ChatTransport {
  readonly kind = 'http';
  readonly escape = 'none';
  readonly destination: string;

  constructor(
    private readonly url: string,
    private readonly user: string,
    private readonly timeoutMs: number,
    /** The bot's shared secret (hubot-youops: HUBOT_YOUOPS_TOKEN); sent only to this URL. */
    private readonly token?: string,
  ) {
    this.destination = `bot at ${hostOf(url)}`;
    // Commands (and what the bot answers) must not cross a network in the clear.
    if (!isAcceptableEndpoint(url)) {
      throw new ChatOpsError('unsupported', `the bot endpoint ${url.replace(/\/\/[^/@]*@/, '//')} is not https://: commands would travel unencrypted. Serve the bot over https (e.g. behind the team's TLS proxy); plain http:// is accepted only for a bot on this machine (127.0.0.1, localhost)`);
    }
  }

  async send(text: string, signal?: AbortSignal): Promise<Posted> {
    const res = await httpRequest(this.url, {
      headers: { 'content-type': 'application/json', accept: 'application/json, text/plain', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ text, user: this.user, room: 'youops' }),
      timeoutMs: this.timeoutMs,
      signal,
      what: `the bot at ${hostOf(this.url)}`,
    });
    if (res.status === 429) {
      const after = retryAfterSeconds(res.headers) ?? 30;
      throw new ChatOpsError('ratelimited', `the bot is rate-limiting requests: try again in ${after} s`, 'not-sent', after);
    }
    if (res.status === 401) {
      // The bot wants a token (hubot-youops with HUBOT_YOUOPS_TOKEN), or another one than the stored token.
      const detail = this.detail(res.body);
      throw new ChatOpsError(
        'invalid_auth',
        `the bot at ${hostOf(this.url)} ${this.token ? 'refused the stored bot token' : 'wants a bot token'} (HTTP 401${detail ? `: ${detail}` : ''}): run "YouOps: Set HTTP Bot Token"`,
      );
    }
    if (res.status >= 400) {
      const detail = this.detail(res.body);
      // 4xx: the endpoint refused the request; 5xx: the bot may have started and then failed.
      throw new ChatOpsError('rejected', `the bot answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status >= 500 ? 'unknown' : 'not-sent');
    }
    const bot = /hubot\/(.+)/.exec(res.headers.get('x-powered-by') ?? '')?.[1];
    return { replies: parseReplies(res.body, res.headers.get('content-type') ?? '', bot ? decodeURI(bot) : hostOf(this.url)) };
  }

  /** What the bot said about a refusal, without the URL or the token we sent. */
  private detail(body: string): string {
    return redactSecrets(body.trim(), [this.url, ...(this.token ? [this.token] : [])]).slice(0, 200);
  }
}

export function parseReplies(body: string, contentType: string, defaultAuthor: string, now = new Date()): BotReply[] {
  const reply = (text: string, author = defaultAuthor): BotReply => ({ author, text, at: now });
  if (/json/i.test(contentType) || /^\s*[{[]/.test(body)) {
    try {
      const data = JSON.parse(body) as unknown;
      const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.replies) ? data.replies : isObject(data) && typeof data.text === 'string' ? [data] : [];
      return list.flatMap((r: unknown) =>
        typeof r === 'string' ? [reply(r)] : isObject(r) && typeof r.text === 'string' ? [reply(r.text, typeof r.author === 'string' ? r.author : undefined)] : [],
      );
    } catch {
      /* not JSON after all: read as text */
    }
  }
  return body.trim() ? [reply(body.trim())] : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
