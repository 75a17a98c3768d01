import * as vscode from 'vscode';
import { toDisposable } from '../disposable';
import type { WorkspaceStore } from './workspaceStore';

/**
 * Feeds the store the text of manifests being edited, so drift markers, lenses and hovers
 * follow the lines being typed; saving, reverting or closing hands back to the saved state.
 */
export function watchDrafts(store: WorkspaceStore): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();

  const schedule = (doc: vscode.TextDocument) => {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== 'file' || !store.tracksDraft(file)) return;
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        // The dirty flag can lag behind the content event, so it is read when the timer fires.
        if (doc.isDirty) store.editDraft(file, doc.getText());
        else forget(doc);
      }, 120),
    );
  };
  const forget = (doc: vscode.TextDocument) => {
    clearTimeout(timers.get(doc.uri.fsPath));
    store.discardDraft(doc.uri.fsPath);
  };

  return vscode.Disposable.from(
    // A dirty-state event without content changes (revert, undo to saved) goes back to the saved state.
    vscode.workspace.onDidChangeTextDocument((e) => (e.contentChanges.length ? schedule(e.document) : !e.document.isDirty && forget(e.document))),
    vscode.workspace.onDidSaveTextDocument(forget),
    vscode.workspace.onDidCloseTextDocument(forget),
    // New live state: re-compare the buffers still being edited.
    store.onDidChange(() => vscode.workspace.textDocuments.filter((d) => d.isDirty).forEach(schedule)),
    toDisposable(() => timers.forEach(clearTimeout)),
  );
}
