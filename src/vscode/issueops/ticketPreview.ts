import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';

export const PREVIEW_SCHEME = 'youops-ticket';

/**
 * Read-only Markdown documents of a ticket as it will be sent — its title, then the body
 * GitHub receives — shown rendered (the hidden markers stay hidden, as on GitHub) and
 * refreshed while the person edits the form.
 */
export class TicketPreviewProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();

  uriFor(draftId: string, title: string): vscode.Uri {
    const name =
      (title || 'New ticket')
        .replace(/[\\/:*?"<>|#]+/g, ' ')
        .trim()
        .slice(0, 60) || 'New ticket';
    return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${draftId}/${name}.md` });
  }

  update(uri: vscode.Uri, title: string, repo: string, body: string): void {
    const heading = `# ${title.replace(/^#+\s*/, '') || '(no title)'}\n\n_New issue in ${repo} — the preview of what YouOps sends_\n\n---\n\n`;
    this.contents.set(uri.path.split('/')[1], `${heading}${body}\n`);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path.split('/')[1]) ?? '';
  }
}
