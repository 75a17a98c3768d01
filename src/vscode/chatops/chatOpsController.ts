import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AuditLog } from '../../core/chatops/auditLog';
import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { ChatOpsSender, type SendRequest } from '../../core/chatops/chatOpsSender';
import { CommandHistory, STATUS_SYMBOL, type HistoryEntry } from '../../core/chatops/commandHistory';
import type { Failures } from '../shared/commands/failures';
import { Disposable } from '../shared/disposable';
import type { Ui } from '../shared/ui/uiSeam';
import { ChatOpsOutput } from './chatOpsOutput';

const HISTORY_KEY = 'youops.chatops.history';

/**
 * Owns the ChatOps state of the window — its feature store: the sender, the history of sent
 * commands (workspace state) and the replies output; sends go to the window's audit log.
 * The tree's "last command" row and the audit document read from it.
 */
export class ChatOpsController extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  readonly history: CommandHistory;
  readonly output = this._register(new ChatOpsOutput());
  readonly user = os.userInfo().username;
  private readonly sender: ChatOpsSender;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly ui: Ui,
    private readonly failures: Failures,
    readonly audit: AuditLog,
  ) {
    super();
    this.history = new CommandHistory(context.workspaceState.get<HistoryEntry[]>(HISTORY_KEY, []));
    this.sender = new ChatOpsSender({ audit: this.audit, user: this.user, isTrusted: () => vscode.workspace.isTrusted });
  }

  isInFlight(req: Pick<SendRequest, 'transport' | 'text'>): boolean {
    return this.sender.isInFlight(req.transport, req.text);
  }

  /** Sends with a cancellable progress notification; cancelling aborts the request in flight, or stops waiting for replies. */
  send(req: SendRequest): Promise<HistoryEntry> {
    return this.ui.progress({ title: `YouOps: ${req.text}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.report({ message: `sending to ${req.transport.destination}…` });
      return this.sender.send(
        req,
        (entry) => {
          this.record(entry);
          if (entry.status === 'waiting') {
            const last = entry.replies.at(-1);
            progress.report({ message: last ? `${last.author}: ${last.text}` : `sent to ${req.transport.destination}; waiting for the bot…` });
          }
        },
        abort.signal,
      );
    });
  }

  private record(entry: HistoryEntry): void {
    this.history.put(entry);
    this.output.update(entry);
    void this.context.workspaceState.update(HISTORY_KEY, this.history.toJSON());
    this.changed.fire();
  }

  /** The outcome as a notification, with the next useful step as a button. */
  async notify(entry: HistoryEntry, resend: (entry: HistoryEntry) => unknown): Promise<void> {
    const last = entry.replies.at(-1);
    const answer = last ? ` — ${last.author}: ${oneLine(last.text)}` : '';
    const head = `${STATUS_SYMBOL[entry.status]} ${entry.text}`;
    let choice: string | undefined;
    switch (entry.status) {
      case 'success':
      case 'answered':
        choice = await this.ui.notify('info', `${head}${answer}`, 'Show Log');
        break;
      case 'sent':
        choice = await this.ui.notify('info', `${head} — sent to ${entry.destination}; webhooks cannot read the answer, watch the channel.`, 'Show Log');
        break;
      case 'failure':
        choice = await this.ui.notify('error', `${head}${answer}`, 'Show Log', 'Resend…');
        break;
      case 'no-answer':
        choice = await this.ui.notify(
          'warning',
          `${head} — no answer from the bot in ${entry.destination}${entry.error ? ` (${entry.error})` : ''}.`,
          'Show Log',
          'Resend…',
        );
        break;
      default: {
        if (entry.errorCode === 'cancelled') {
          // Nothing is lost: the command stays in the history, and resending asks first since it may have arrived.
          choice = await this.ui.notify(
            'warning',
            `Cancelled: ${entry.text} — ${entry.destination} may have received it. The command is kept in the ChatOps history: check the channel, then Resend… if it did not arrive.`,
            'Show Log',
            'Resend…',
          );
          break;
        }
        // The fix (a new token, a new sign-in) comes from the failure vocabulary, by the error's code.
        const failure = new ChatOpsError(
          entry.errorCode ?? 'rejected',
          `Not sent: ${entry.text} — ${entry.error}${entry.delivery === 'unknown' ? ' Check the channel before resending.' : ''}`,
          entry.delivery,
        );
        choice = await this.failures.show(failure, { transport: entry.via, actions: [entry.delivery === 'not-sent' ? 'Resend' : 'Resend…', 'Show Log'] });
      }
    }
    if (choice === 'Show Log') this.output.show();
    else if (choice?.startsWith('Resend')) await resend(entry);
  }
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
