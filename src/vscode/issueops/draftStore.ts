import type * as vscode from 'vscode';
import type { TicketDraft } from '../../core/issueops/ticketDraft';
import { setContextKey } from '../shared/contextKeys';

const KEY = 'youops.issueops.drafts';

/**
 * Tickets not (yet) confirmed by GitHub, kept in workspaceState so a failure —
 * or closing the window mid-way — never loses what the person entered.
 */
export class DraftStore {
  constructor(private readonly memento: vscode.Memento) {
    this.updateContext();
  }

  all(): TicketDraft[] {
    return this.memento.get<TicketDraft[]>(KEY, []);
  }

  get(id: string): TicketDraft | undefined {
    return this.all().find((d) => d.id === id);
  }

  async save(draft: TicketDraft): Promise<void> {
    await this.memento.update(KEY, [draft, ...this.all().filter((d) => d.id !== draft.id)]);
    this.updateContext();
  }

  async delete(id: string): Promise<void> {
    await this.memento.update(
      KEY,
      this.all().filter((d) => d.id !== id),
    );
    this.updateContext();
  }

  /** "Resend Ticket Draft…" is in the palette only while there is a draft. */
  private updateContext(): void {
    setContextKey('youops.hasTicketDrafts', this.all().length > 0);
  }
}
