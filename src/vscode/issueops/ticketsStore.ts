import * as vscode from 'vscode';
import { formatRepo } from '../../core/github/repoRef';
import { listTickets, type Ticket } from '../../core/issueops/listTickets';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { GitHubAuth } from '../auth/githubAuth';
import type { GitHubConnection } from './githubConnection';
import { IssueOpsError } from './issueOpsError';
import { workspaceTemplates } from './templateCatalog';

export type TicketsState =
  | { kind: 'idle' }
  | { kind: 'loading'; previous?: Ticket[]; repo?: string }
  | { kind: 'ready'; tickets: Ticket[]; repo: string; refreshedAt: Date }
  | { kind: 'unavailable'; reason: IssueOpsError['kind'] | 'error'; message: string };

/** Refresh period while tickets are shown; conditional requests make unchanged refreshes free. */
const POLL_MS = 60_000;

/**
 * The open IssueOps tickets of the workspace's repository, for the views.
 * Loads lazily (when a Tickets node is first expanded), never prompts to sign
 * in, and polls with ETags while loaded.
 */
export class TicketsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: TicketsState = { kind: 'idle' };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: WorkspaceStore,
    private readonly connection: GitHubConnection,
    auth: GitHubAuth,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      auth.onDidChange(() => this.current.kind !== 'idle' && void this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.current.kind !== 'idle' && void this.refresh()),
    ];
  }

  get state(): TicketsState {
    return this.current;
  }

  /** Tickets for the views: starts the first load on demand. */
  tickets(): Ticket[] | undefined {
    if (this.current.kind === 'idle') void this.refresh();
    return this.current.kind === 'ready' ? this.current.tickets : this.current.kind === 'loading' ? this.current.previous : undefined;
  }

  refresh(): Promise<void> {
    return (this.running ??= this.load().finally(() => (this.running = undefined)));
  }

  private async load(): Promise<void> {
    const previous = this.current.kind === 'ready' ? this.current.tickets : undefined;
    this.set({ kind: 'loading', previous });
    try {
      const set = await workspaceTemplates(this.store, this.log);
      const envs = this.store.state.kind === 'ready' ? this.store.state.environments.map((e) => e.name) : [];
      const { tickets, repo } = await this.connection.run(false, async ({ client, repo }) => ({ tickets: await listTickets(client, repo, set?.templates ?? [], envs), repo: formatRepo(repo) }));
      this.set({ kind: 'ready', tickets, repo, refreshedAt: new Date() });
      this.schedule();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn(`tickets not loaded: ${message}`);
      this.set({ kind: 'unavailable', reason: err instanceof IssueOpsError ? err.kind : 'error', message });
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  private set(s: TicketsState): void {
    this.current = s;
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
