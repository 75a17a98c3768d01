import * as vscode from 'vscode';
import { gitDir } from '../../../core/git/history';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/**
 * Refreshes on the events that change desired state: saving a manifest
 * (only its environment) and Git HEAD moving (checkout, commit, pull: all).
 * The interval refresh lives in the store; the store cancels overlapping runs.
 */
export function refreshAutomatically(store: WorkspaceStore): vscode.Disposable {
  const pending = new Map<string, NodeJS.Timeout>();
  const later = (key: string, run: () => void) => {
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => (pending.delete(key), run()), 300),
    );
  };

  const onSave = vscode.workspace.onDidSaveTextDocument((doc) => {
    if (store.state.kind !== 'ready' || doc.uri.scheme !== 'file') return;
    for (const env of store.environmentsOf(doc.uri.fsPath)) later(env, () => void store.refresh(env, 'save'));
  });

  let headWatcher: vscode.Disposable | undefined;
  const watchHead = async () => {
    headWatcher?.dispose();
    headWatcher = undefined;
    const state = store.state;
    if (state.kind !== 'ready') return;
    const dir = await gitDir(state.rootDir);
    if (!dir) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{HEAD,refs/heads/**}'));
    const all = () => later('*', () => void store.refresh());
    headWatcher = vscode.Disposable.from(watcher, watcher.onDidChange(all), watcher.onDidCreate(all));
  };
  let watchedRoot: string | undefined;
  const onState = store.onDidChange((s) => {
    const root = s.kind === 'ready' ? s.rootDir : undefined;
    if (root !== watchedRoot) {
      watchedRoot = root;
      void watchHead();
    }
  });

  return vscode.Disposable.from(onSave, onState, {
    dispose: () => {
      headWatcher?.dispose();
      pending.forEach(clearTimeout);
    },
  });
}
