import { redactSecrets } from '../text/redact';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Delivery } from './chatOpsError';
import type { SendStatus, StoredReply } from './commandHistory';
import type { TransportKind } from './transports/transport';

/** Written before the transport is called: what is being sent, where, by whom. */
export interface AuditSend {
  type: 'send';
  id: string;
  time: string;
  by: string;
  /** A chat transport, or the GitOps agent an operation went to (flux, argocd). */
  via: TransportKind | 'flux' | 'argocd';
  destination: string;
  command?: string;
  env?: string;
  text: string;
}

/** Written when the exchange is over: the outcome and the answer. */
export interface AuditResult {
  type: 'result';
  id: string;
  time: string;
  status: SendStatus;
  delivery: Delivery;
  error?: string;
  replies: StoredReply[];
}

export type AuditRecord = AuditSend | AuditResult;

export interface AuditEntry {
  send: AuditSend;
  result?: AuditResult;
}

/**
 * A local, append-only record of ChatOps traffic (and of the operations sent to the GitOps
 * agent, which the same rules govern) as JSON lines. Records are only ever
 * appended (O_APPEND), never rewritten, so a crash mid-send still leaves the `send` line.
 * Destinations are logged without secrets: transports never expose tokens or webhook URLs.
 */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  append(record: AuditRecord): Promise<void> {
    // Last line of defence: nothing token-shaped reaches the file, whoever built the record.
    const line = redactSecrets(JSON.stringify(record)) + '\n';
    const write = async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, line, { flag: 'a', mode: 0o600 });
    };
    this.queue = this.queue.then(write, write);
    return this.queue;
  }

  async records(): Promise<AuditRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const r = JSON.parse(line) as AuditRecord;
        return r && (r.type === 'send' || r.type === 'result') && typeof r.id === 'string' ? [r] : [];
      } catch {
        return []; // a torn last line must not hide the rest
      }
    });
  }

  /** Sends with their results, newest first. */
  async entries(): Promise<AuditEntry[]> {
    const byId = new Map<string, AuditEntry>();
    for (const r of await this.records()) {
      if (r.type === 'send') byId.set(r.id, { send: r });
      else {
        const entry = byId.get(r.id);
        if (entry) entry.result = r;
      }
    }
    return [...byId.values()].reverse();
  }
}
