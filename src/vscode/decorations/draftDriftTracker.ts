import * as vscode from 'vscode';
import { computeEnvironmentDrift } from '../../core/drift/environmentDrift';
import type { LiveObject } from '../../core/live/provider';
import { IncrementalManifestParser } from '../../core/manifests/incrementalManifestParser';
import type { ResourceInEnvironment } from '../store/manifestIndex';
import type { WorkspaceStore } from '../store/workspaceStore';

/**
 * Keeps drift markers, lenses and hovers on the lines being typed: an unsaved
 * manifest is re-parsed incrementally (only the edited document) and compared
 * with the live objects of the last refresh. Saving hands back to the store.
 */
export function trackDraftDrift(store: WorkspaceStore): vscode.Disposable {
  const parsers = new Map<string, IncrementalManifestParser>();
  const timers = new Map<string, NodeJS.Timeout>();

  const evaluate = (doc: vscode.TextDocument) => {
    const file = doc.uri.fsPath;
    if (!doc.isDirty) return forget(doc);
    const state = store.state;
    if (state.kind !== 'ready') return;
    // Environments that deploy this file, by the last saved state (the draft may have removed every resource).
    const envs = state.environments.filter((e) => !e.state?.desiredRef && e.state?.drift.resources.some((r) => r.resource?.file === file));
    if (envs.length === 0) return;
    const parser = parsers.get(file) ?? new IncrementalManifestParser();
    parsers.set(file, parser);
    const parsed = parser.parse(doc.getText(), file);
    const items: ResourceInEnvironment[] = [];
    for (const env of envs) {
      const drift = env.state!.drift;
      if (drift.status === 'Error' || drift.status === 'Unknown') {
        parsed.resources.forEach((resource) => items.push({ env: env.name, resource: { key: resource.key, id: resource.id, status: drift.status, resource, fields: [] } }));
        continue;
      }
      const live: LiveObject[] = drift.resources
        .filter((r) => r.live !== undefined)
        .map((r) => ({ id: r.id, key: r.key, object: r.live, hiddenPaths: r.hiddenPaths, target: r.target }));
      const result = computeEnvironmentDrift(parsed.resources, { objects: live, complete: false, fetchedAt: new Date() }, state.config.drift);
      for (const resource of result.resources) if (resource.resource) items.push({ env: env.name, resource });
    }
    store.setDraft(file, items);
  };

  const schedule = (doc: vscode.TextDocument) => {
    const file = doc.uri.fsPath;
    if (doc.uri.scheme !== 'file' || (!parsers.has(file) && !store.manifests.inFile(file).length)) return;
    clearTimeout(timers.get(file));
    timers.set(file, setTimeout(() => (timers.delete(file), evaluate(doc)), 120));
  };
  const forget = (doc: vscode.TextDocument) => {
    clearTimeout(timers.get(doc.uri.fsPath));
    parsers.delete(doc.uri.fsPath);
    store.setDraft(doc.uri.fsPath, undefined);
  };

  return vscode.Disposable.from(
    // The dirty flag can lag behind the content event, so `evaluate` checks it when the timer fires;
    // a dirty-state event without content changes (revert, undo to saved) goes back to the saved state.
    vscode.workspace.onDidChangeTextDocument((e) => (e.contentChanges.length ? schedule(e.document) : !e.document.isDirty && forget(e.document))),
    vscode.workspace.onDidSaveTextDocument(forget),
    vscode.workspace.onDidCloseTextDocument(forget),
    // New live state: re-compare the buffers still being edited.
    store.onDidChange(() => vscode.workspace.textDocuments.filter((d) => d.isDirty).forEach(schedule)),
    { dispose: () => timers.forEach(clearTimeout) },
  );
}
