import * as vscode from 'vscode';
import { formatRepo } from '../../core/github/repoRef';
import { listTickets, type Ticket } from '../../core/issueops/listTickets';
import { Failure, type FailureKind } from '../shared/commands/failure';
import { setContextKey } from '../shared/contextKeys';
import { Disposable } from '../shared/disposable';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';
import { workspaceTemplates } from './templateCatalog';

export type TicketsState =
  | { kind: 'idle' }
  | { kind: 'loading'; previous?: Ticket[]; repo?: string }
  | { kind: 'ready'; tickets: Ticket[]; repo: string; refreshedAt: Date }
  | { kind: 'unavailable'; reason: FailureKind | 'error'; message: string };

/** Refresh period while tickets are shown; conditional requests make unchanged refreshes free. */
const POLL_MS = 60_000;

/**
 * IssueOps' feature store: the open tickets of the workspace's repository, for the views.
 * Loads lazily (when a Tickets node is first expanded), never prompts to sign in, and
 * polls with ETags while loaded.
 */
export class TicketsStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private current: TicketsState = { kind: 'idle' };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly github: GitHubAccess,
    private readonly ui: Ui,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(github.onDidChange(() => this.current.kind !== 'idle' && void this.refresh()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.current.kind !== 'idle' && void this.refresh()));
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
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
      const set = await workspaceTemplates({ store: this.store, ui: this.ui, log: this.log });
      const envs = this.store.state.kind === 'ready' ? this.store.state.environments.map((e) => e.name) : [];
      const { tickets, repo } = await this.github.run(false, async ({ client, repo }) => ({
        tickets: await listTickets(client, repo, set?.templates ?? [], envs),
        repo: formatRepo(repo),
      }));
      this.set({ kind: 'ready', tickets, repo, refreshedAt: new Date() });
      this.schedule();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn(`tickets not loaded: ${message}`);
      this.set({ kind: 'unavailable', reason: err instanceof Failure ? err.kind : 'error', message });
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  private set(s: TicketsState): void {
    this.current = s;
    // The ticket commands (comment, close, open in browser) are in the palette only when there are tickets to pick from.
    if (s.kind !== 'loading') setContextKey('youops.hasTickets', s.kind === 'ready' && s.tickets.length > 0);
    this.changed.fire();
  }
}
