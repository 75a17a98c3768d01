import type { ChatOpsErrorCode, Delivery } from './chatOpsError';
import type { TransportKind } from './transports/transport';

/**
 * Where a sent command stands: `waiting` while replies are followed; `answered` when the bot
 * replied without a recognisable outcome; `no-answer` when it stayed silent; `sent` when the
 * transport cannot read replies (webhooks); `error` when sending failed.
 */
export type SendStatus = 'sending' | 'waiting' | 'success' | 'failure' | 'answered' | 'no-answer' | 'sent' | 'error';

export interface StoredReply {
  author: string;
  text: string;
  /** ISO time. */
  at: string;
}

export interface HistoryEntry {
  id: string;
  text: string;
  via: TransportKind;
  destination: string;
  command?: string;
  env?: string;
  /** ISO time of the send. */
  sentAt: string;
  status: SendStatus;
  delivery: Delivery;
  error?: string;
  /** What kind of failure `error` is: the fix offered with it depends on this, never on the text. */
  errorCode?: ChatOpsErrorCode;
  replies: StoredReply[];
  link?: string;
}

/** The last commands sent from this workspace, newest first, for resending and the tree. */
export class CommandHistory {
  private entries: HistoryEntry[];

  constructor(
    entries: readonly HistoryEntry[] = [],
    private readonly limit = 50,
  ) {
    this.entries = entries.filter(isEntry).slice(0, limit);
  }

  all(): readonly HistoryEntry[] {
    return this.entries;
  }

  find(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  lastFor(env: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.env === env);
  }

  /** Adds a new entry on top, or replaces the one with the same id where it is. */
  put(entry: HistoryEntry): void {
    const i = this.entries.findIndex((e) => e.id === entry.id);
    if (i >= 0) this.entries[i] = entry;
    else this.entries = [entry, ...this.entries].slice(0, this.limit);
  }

  toJSON(): HistoryEntry[] {
    return this.entries;
  }
}

function isEntry(e: unknown): e is HistoryEntry {
  const v = e as HistoryEntry | undefined;
  return typeof v?.id === 'string' && typeof v.text === 'string' && typeof v.via === 'string' && Array.isArray(v.replies);
}

export const STATUS_SYMBOL: Record<SendStatus, string> = {
  sending: '…',
  waiting: '…',
  success: '✓',
  failure: '✗',
  answered: '💬',
  'no-answer': '∅',
  sent: '→',
  error: '⚠',
};
