import * as http from 'node:http';
import { listenOnLoopback } from './httpServer';

export interface FakeSlackReply {
  text: string;
  /** Posted in the thread this long after the command. */
  afterMs?: number;
}

export interface FakeSlackServerOptions {
  /** The only bot token accepted; anything else gets `invalid_auth`. */
  token: string;
  /** Channels by name (#deploys) or ID; `member: false` answers `not_in_channel`. */
  channels: Record<string, { member: boolean }>;
  /** The answering bot: its replies in the thread of each posted command. */
  bot?: (text: string) => FakeSlackReply[];
  botName?: string;
  /** People answering in the same thread (messages without a bot_id), e.g. "did it fail?". */
  people?: (text: string) => FakeSlackReply[];
  /** conversations.replies pages at most this many messages, whatever `limit` asks (cursor pagination). */
  pageSize?: number;
}

export interface FakeSlackRequest {
  method: string;
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown>;
}

export interface FakeSlackServer {
  /** Web API base URL, ending in `/api/`. */
  url: string;
  requests: FakeSlackRequest[];
  /** Messages posted with chat.postMessage, in order. */
  posted: Array<{ channel: string; ts: string; text: string }>;
  /** The next call of `method` fails: HTTP 429 with Retry-After for `ratelimited`, else `{ ok: false, error }`. */
  failNext(method: string, error: string, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

interface StoredMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  username?: string;
  bot_profile?: { name: string };
  thread_ts?: string;
}

/**
 * A loopback server (127.0.0.1, random port) speaking the Slack Web API methods ChatOps uses —
 * auth.test, chat.postMessage, conversations.replies — with Slack's envelopes (`ok`, `error`),
 * its error codes and rate limiting (HTTP 429 + Retry-After). A scripted bot answers in threads.
 */
export async function startFakeSlackServer(options: FakeSlackServerOptions): Promise<FakeSlackServer> {
  const requests: FakeSlackRequest[] = [];
  const posted: FakeSlackServer['posted'] = [];
  const threads = new Map<string, StoredMessage[]>();
  const failures = new Map<string, { error: string; retryAfter?: number }>();
  const timers = new Set<NodeJS.Timeout>();
  let clock = Math.floor(Date.now() / 1000);
  let seq = 0;
  const nextTs = () => `${clock}.${String(++seq).padStart(6, '0')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const body = parseBody(raw, req.headers['content-type'] ?? '', req.url ?? '');
      requests.push({ method, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(payload));
      };
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        if (failure.error === 'ratelimited') return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 30) });
        return send(200, { ok: false, error: failure.error });
      }
      if (req.headers.authorization !== `Bearer ${options.token}`) return send(200, { ok: false, error: req.headers.authorization ? 'invalid_auth' : 'not_authed' });
      const channel = String(body.channel ?? '');
      const known = () => {
        const c = options.channels[channel];
        if (!c) return send(200, { ok: false, error: 'channel_not_found' }), false;
        if (!c.member) return send(200, { ok: false, error: 'not_in_channel' }), false;
        return true;
      };
      switch (method) {
        case 'auth.test':
          return send(200, { ok: true, url: 'https://acme.slack.invalid/', team: 'Acme', user: 'youops', team_id: 'T0001', user_id: 'U0YOUOPS', bot_id: 'B0YOUOPS' });
        case 'chat.postMessage': {
          if (!known()) return;
          const text = String(body.text ?? '');
          if (!text) return send(200, { ok: false, error: 'no_text' });
          const ts = nextTs();
          posted.push({ channel, ts, text });
          threads.set(ts, [{ ts, text, user: 'U0YOUOPS', bot_id: 'B0YOUOPS' }]);
          const later = (reply: FakeSlackReply, message: Omit<StoredMessage, 'ts' | 'text'>) => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              clock += 1;
              threads.get(ts)?.push({ ts: nextTs(), text: reply.text, ...message, thread_ts: ts });
            }, reply.afterMs ?? 50);
            timers.add(timer);
          };
          for (const reply of options.bot?.(text) ?? []) later(reply, { user: 'U0BOT', bot_id: 'B0BOT', username: options.botName ?? 'deploybot', bot_profile: { name: options.botName ?? 'deploybot' } });
          for (const reply of options.people?.(text) ?? []) later(reply, { user: 'U0HUMAN' });
          return send(200, { ok: true, channel, ts, message: { text, ts } });
        }
        case 'conversations.replies': {
          if (!known()) return;
          const thread = threads.get(String(body.ts ?? ''));
          if (!thread) return send(200, { ok: false, error: 'thread_not_found' });
          const oldest = Number(body.oldest ?? 0);
          // Like Slack: the parent always comes first, then replies newer than `oldest`, a page at a time.
          const all = [thread[0], ...thread.slice(1).filter((m) => Number(m.ts) >= oldest)];
          const size = Math.min(Number(body.limit ?? 1000) || 1000, options.pageSize ?? Infinity);
          const start = Number(body.cursor ?? 0) || 0;
          const pageOf = all.slice(start, start + size);
          const next = start + size < all.length ? String(start + size) : '';
          return send(200, { ok: true, messages: pageOf, has_more: next !== '', response_metadata: { next_cursor: next } });
        }
        default:
          return send(404, { ok: false, error: 'unknown_method' });
      }
    });
  });
  const listener = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listener.port}/api/`,
    requests,
    posted,
    failNext(method, error, retryAfterSeconds) {
      failures.set(method, { error, retryAfter: retryAfterSeconds });
    },
    close() {
      for (const t of timers) clearTimeout(t);
      return listener.close();
    },
  };
}

/** Slack takes JSON or form bodies, and query parameters for reads. */
function parseBody(raw: string, contentType: string, url: string): Record<string, unknown> {
  const query = Object.fromEntries(new URL(url, 'http://x').searchParams);
  if (contentType.includes('application/json')) {
    try {
      return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
    } catch {
      return query;
    }
  }
  return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
}
