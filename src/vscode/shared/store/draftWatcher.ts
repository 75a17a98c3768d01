import * as vscode from 'vscode';
import { toDisposable } from '../disposable';
import type { WorkspaceStore } from './workspaceStore';

/** youops.yaml is checked a little later than manifests are compared: a diagnostic should not flash on every key typed. */
const CONFIG_DELAY_MS = 250;
const MANIFEST_DELAY_MS = 120;

/**
 * Feeds the store the text of manifests being edited, so drift markers, lenses and hovers
 * follow the lines being typed, and the text of youops.yaml, so its problems show while typing;
 * saving, reverting or closing hands back to the saved state.
 */
export function watchDrafts(store: WorkspaceStore): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();

  const schedule = (doc: vscode.TextDocument) => {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== 'file') return;
    const config = store.isConfigFile(file);
    if (!config && !store.tracksDraft(file)) return;
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(
        () => {
          timers.delete(file);
          // The dirty flag can lag behind the content event, so it is read when the timer fires.
          if (!doc.isDirty) forget(doc);
          else if (config) store.editConfigDraft(file, doc.getText());
          else store.editDraft(file, doc.getText());
        },
        config ? CONFIG_DELAY_MS : MANIFEST_DELAY_MS,
      ),
    );
  };
  const forget = (doc: vscode.TextDocument, saved = false) => {
    clearTimeout(timers.get(doc.uri.fsPath));
    store.discardDraft(doc.uri.fsPath);
    // A saved youops.yaml keeps its problems on screen until the reload that the save starts replaces them.
    if (!saved) store.discardConfigDraft(doc.uri.fsPath);
  };

  return vscode.Disposable.from(
    // A dirty-state event without content changes (revert, undo to saved) goes back to the saved state.
    vscode.workspace.onDidChangeTextDocument((e) => (e.contentChanges.length ? schedule(e.document) : !e.document.isDirty && forget(e.document))),
    vscode.workspace.onDidSaveTextDocument((doc) => forget(doc, true)),
    vscode.workspace.onDidCloseTextDocument(forget),
    // New live state: re-compare the buffers still being edited.
    store.onDidChange(() => vscode.workspace.textDocuments.filter((d) => d.isDirty).forEach(schedule)),
    toDisposable(() => timers.forEach(clearTimeout)),
  );
}
