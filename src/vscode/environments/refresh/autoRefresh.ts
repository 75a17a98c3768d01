import * as path from 'node:path';
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
    const state = store.state;
    if (state.kind !== 'ready' || doc.uri.scheme !== 'file') return;
    const file = doc.uri.fsPath;
    // Declared, set or rendered from the file (a shared base, another layer's kustomization.yaml or patch).
    const reads = store.manifests.environmentsOf(file);
    for (const env of state.config.environments) {
      const declares = reads.includes(env.name);
      const under = env.manifests.some((m) => isInside(file, path.resolve(state.rootDir, m.split(/[*?[{]/)[0])));
      if (declares || under) later(env.name, () => void store.refresh(env.name, 'save'));
    }
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

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
