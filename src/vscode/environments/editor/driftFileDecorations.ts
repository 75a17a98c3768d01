import * as vscode from 'vscode';
import { Disposable } from '../../shared/disposable';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/** Badges manifest files in the Explorer whose resources drifted or are missing live. */
export class DriftFileDecorationProvider extends Disposable implements vscode.FileDecorationProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;

  constructor(private readonly store: WorkspaceStore) {
    super();
    this._register(store.onDidChange(() => this.changed.fire(undefined)));
    this._register(vscode.window.registerFileDecorationProvider(this));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const items = this.store.manifests.inFile(uri.fsPath).filter(({ resource }) => resource.status === 'Drifted' || resource.status === 'Missing');
    if (items.length === 0) return undefined;
    const envs = [...new Set(items.map((i) => i.env))];
    const missing = items.some((i) => i.resource.status === 'Missing');
    return {
      badge: missing ? '✗' : '≠',
      tooltip: `${items.length} resource${items.length === 1 ? '' : 's'} out of sync in ${envs.join(', ')}`,
      color: new vscode.ThemeColor(missing ? 'list.errorForeground' : 'list.warningForeground'),
    };
  }
}
