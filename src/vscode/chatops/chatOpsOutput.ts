import * as vscode from 'vscode';
import { STATUS_SYMBOL, type HistoryEntry } from '../../core/chatops/commandHistory';
import { Disposable } from '../shared/disposable';

/**
 * The "YouOps ChatOps" output: each command as it goes out and each reply as it arrives.
 * Prints only what transports expose (destination, text, replies), never secrets.
 */
export class ChatOpsOutput extends Disposable {
  readonly channel = this._register(vscode.window.createOutputChannel('YouOps ChatOps'));
  private readonly printed = new Map<string, { replies: number; status: string }>();

  update(entry: HistoryEntry): void {
    const seen = this.printed.get(entry.id);
    if (!seen) this.channel.appendLine(`[${time(entry.sentAt)}] → ${entry.destination}${entry.env ? ` [${entry.env}]` : ''}: ${entry.text}`);
    const from = seen?.replies ?? 0;
    for (const r of entry.replies.slice(from)) this.channel.appendLine(`[${time(r.at)}] ← ${r.author}: ${r.text}`);
    if (seen?.status !== entry.status && entry.status !== 'sending')
      this.channel.appendLine(`[${time(new Date().toISOString())}]   ${STATUS_SYMBOL[entry.status]} ${describeStatus(entry)}`);
    this.printed.set(entry.id, { replies: entry.replies.length, status: entry.status });
  }

  show(): void {
    this.channel.show(true);
  }
}

export function describeStatus(entry: HistoryEntry): string {
  switch (entry.status) {
    case 'sending':
      return 'sending…';
    case 'waiting':
      return 'sent; waiting for the bot…';
    case 'success':
      return 'success';
    case 'failure':
      return 'the bot reported a failure';
    case 'answered':
      return 'answered';
    case 'no-answer':
      return `no answer${entry.error ? ` (${entry.error})` : ''}`;
    case 'sent':
      return 'sent (this transport cannot read the answer)';
    case 'error':
      return `not sent: ${entry.error}${entry.delivery === 'unknown' ? ' — it may have arrived anyway' : ''}`;
  }
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}
