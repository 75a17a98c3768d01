import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../../../core/config/configFile';
import type { WorkspaceStore } from './workspaceStore';

/** Reloads the store when youops.yaml is created, changed or deleted (debounced: editors save in bursts). */
export function watchConfig(store: WorkspaceStore): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const reload = (force = false) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void store.reload({ force }), 150);
  };
  const fileChanged = () => reload();
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(fileChanged),
    watcher.onDidChange(fileChanged),
    watcher.onDidDelete(fileChanged),
    vscode.workspace.onDidChangeWorkspaceFolders(fileChanged),
    // Trust and settings change how environments evaluate even when youops.yaml did not change.
    vscode.workspace.onDidGrantWorkspaceTrust(() => reload(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const settings = ['youops.configPath', 'youops.refreshInterval', 'youops.kustomize.path', 'youops.kubectl.path'];
      if (settings.some((s) => e.affectsConfiguration(s))) reload(true);
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
