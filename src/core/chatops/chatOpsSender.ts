import { redactSecrets } from '../text/redact';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from './auditLog';
import { asChatOpsError, ChatOpsError } from './chatOpsError';
import type { HistoryEntry, StoredReply } from './commandHistory';
import { classifyReply, type FeedbackPatterns } from './feedback';
import type { BotReply, ChatTransport } from './transports/transport';

export interface SendRequest {
  text: string;
  transport: ChatTransport;
  command?: string;
  env?: string;
  patterns: FeedbackPatterns;
  /** How long to follow replies when the transport can read them. */
  followMs: number;
}

export interface SenderDeps {
  audit: AuditLog;
  /** Who sends, for the audit log. */
  user: string;
  /** Workspace Trust: an untrusted workspace sends nothing. */
  isTrusted(): boolean;
}

/**
 * Sends one command and collects the answer: audit first, then the transport, then the
 * replies until one announces success or failure. Never retries a post on its own, and
 * refuses a second identical send to the same place while the first is still running.
 */
export class ChatOpsSender {
  private readonly inflight = new Set<string>();

  constructor(private readonly deps: SenderDeps) {}

  isInFlight(transport: ChatTransport, text: string): boolean {
    return this.inflight.has(inflightKey(transport, text));
  }

  /** Resolves with the final entry; `onUpdate` sees every intermediate state (sent, each reply). */
  async send(req: SendRequest, onUpdate: (entry: HistoryEntry) => void = () => undefined, signal?: AbortSignal): Promise<HistoryEntry> {
    if (!this.deps.isTrusted()) throw new ChatOpsError('untrusted', 'this workspace is not trusted: YouOps sends nothing from it');
    const key = inflightKey(req.transport, req.text);
    if (this.inflight.has(key)) throw new ChatOpsError('duplicate', `"${req.text}" is still being sent to ${req.transport.destination}`);
    this.inflight.add(key);
    const entry: HistoryEntry = {
      id: randomUUID(),
      text: req.text,
      via: req.transport.kind,
      destination: req.transport.destination,
      command: req.command,
      env: req.env,
      sentAt: new Date().toISOString(),
      status: 'sending',
      delivery: 'unknown',
      replies: [],
    };
    const update = () => onUpdate({ ...entry, replies: [...entry.replies] });
    try {
      await this.deps.audit.append({ type: 'send', id: entry.id, time: entry.sentAt, by: this.deps.user, via: entry.via, destination: entry.destination, command: entry.command, env: entry.env, text: entry.text });
      update();
      try {
        const posted = await req.transport.send(req.text, signal);
        entry.delivery = 'sent';
        entry.link = posted.link;
        let decided = false;
        const take = (r: BotReply): boolean => {
          entry.replies.push(toStored(r));
          const verdict = r.verdict ?? classifyReply(r.text, req.patterns);
          if (verdict !== 'info' && !decided) {
            decided = true;
            entry.status = verdict;
          }
          update();
          return decided;
        };
        for (const r of posted.replies) take(r);
        if (!decided && posted.follow && req.followMs > 0) {
          entry.status = 'waiting';
          update();
          try {
            await posted.follow(req.followMs, take, signal);
          } catch (err) {
            // The command is out; only reading the answer failed.
            if (!signal?.aborted) entry.error = `reading replies failed: ${asChatOpsError(err).message}`;
          }
          if (signal?.aborted && !decided) entry.error = 'stopped waiting for the answer (cancelled); the command was sent';
        }
        if (!decided) entry.status = entry.replies.length ? 'answered' : posted.follow && req.followMs > 0 ? 'no-answer' : 'sent';
      } catch (err) {
        // Whatever the transport made of the abort, it is the person's cancel: the message may be out.
        const e = signal?.aborted && asChatOpsError(err).code !== 'cancelled' ? cancelledSend(entry.destination) : asChatOpsError(err);
        entry.status = 'error';
        entry.delivery = e.delivery;
        entry.error = e.message;
        entry.errorCode = e.code;
      }
      await this.deps.audit.append({ type: 'result', id: entry.id, time: new Date().toISOString(), status: entry.status, delivery: entry.delivery, error: entry.error, replies: entry.replies });
      update();
      return { ...entry, replies: [...entry.replies] };
    } finally {
      this.inflight.delete(key);
    }
  }
}

function cancelledSend(destination: string): ChatOpsError {
  return new ChatOpsError('cancelled', `cancelled before ${destination} answered; the message may or may not have arrived`, 'unknown');
}

function inflightKey(t: ChatTransport, text: string): string {
  return `${t.kind}\n${t.destination}\n${text.trim()}`;
}

/** Replies are a server's text: stored (history, audit log) and shown redacted. */
function toStored(r: BotReply): StoredReply {
  return { author: r.author, text: redactSecrets(r.text), at: r.at.toISOString() };
}
