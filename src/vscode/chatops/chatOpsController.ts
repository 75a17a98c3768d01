import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AuditLog } from '../../core/chatops/auditLog';
import { ChatOpsSender, type SendRequest } from '../../core/chatops/chatOpsSender';
import { CommandHistory, STATUS_SYMBOL, type HistoryEntry } from '../../core/chatops/commandHistory';
import { vscodePrompter, type ChatOpsPrompter } from './chatOpsPrompter';
import { ChatOpsOutput } from './chatOpsOutput';
import { ChatOpsSecrets } from './chatOpsSecrets';

const HISTORY_KEY = 'youops.chatops.history';

/**
 * Owns the ChatOps state of the window: the sender, the history (workspace state), the
 * audit log (workspace storage) and the output. Flows ask through `prompter`.
 */
export class ChatOpsController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly history: CommandHistory;
  readonly audit: AuditLog;
  readonly output = new ChatOpsOutput();
  readonly secrets: ChatOpsSecrets;
  readonly user = os.userInfo().username;
  private readonly sender: ChatOpsSender;
  /** Replaced by extension-host tests; everything the flows ask goes through it. */
  prompter: ChatOpsPrompter = vscodePrompter;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.history = new CommandHistory(context.workspaceState.get<HistoryEntry[]>(HISTORY_KEY, []));
    const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
    this.audit = new AuditLog(path.join(storage, 'chatops-audit.jsonl'));
    this.secrets = new ChatOpsSecrets(context.secrets, () => this.prompter);
    this.sender = new ChatOpsSender({ audit: this.audit, user: this.user, isTrusted: () => vscode.workspace.isTrusted });
  }

  isInFlight(req: Pick<SendRequest, 'transport' | 'text'>): boolean {
    return this.sender.isInFlight(req.transport, req.text);
  }

  /** Sends with a cancellable progress notification; cancelling stops waiting for replies. */
  send(req: SendRequest): Promise<HistoryEntry> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `YouOps: ${req.text}`, cancellable: true },
        async (progress, token) => {
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
        },
      ),
    );
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
    let shown: Promise<string | undefined>;
    switch (entry.status) {
      case 'success':
      case 'answered':
        shown = this.prompter.notify('info', `${head}${answer}`, 'Show Log');
        break;
      case 'sent':
        shown = this.prompter.notify('info', `${head} — sent to ${entry.destination}; webhooks cannot read the answer, watch the channel.`, 'Show Log');
        break;
      case 'failure':
        shown = this.prompter.notify('error', `${head}${answer}`, 'Show Log', 'Resend…');
        break;
      case 'no-answer':
        shown = this.prompter.notify('warning', `${head} — no answer from the bot in ${entry.destination}${entry.error ? ` (${entry.error})` : ''}.`, 'Show Log', 'Resend…');
        break;
      default:
        shown = this.prompter.notify(
          'error',
          `Not sent: ${entry.text} — ${entry.error}${entry.delivery === 'unknown' ? ' Check the channel before resending.' : ''}`,
          ...(entry.error?.includes('Set Slack Bot Token') ? ['Set Slack Bot Token'] : []),
          entry.delivery === 'not-sent' ? 'Resend' : 'Resend…',
          'Show Log',
        );
    }
    const choice = await shown;
    if (choice === 'Show Log') this.output.show();
    else if (choice === 'Set Slack Bot Token') void vscode.commands.executeCommand('youops.chatops.setSlackToken');
    else if (choice?.startsWith('Resend')) await resend(entry);
  }

  dispose(): void {
    this.output.dispose();
    this.changed.dispose();
  }
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
