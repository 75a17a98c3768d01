import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../../core/config/configFile';
import type { WorkspaceStore } from '../store/workspaceStore';

/** Reloads the store when youops.yaml is created, changed or deleted (debounced: editors save in bursts). */
export function watchConfig(store: WorkspaceStore): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void store.reload(), 150);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(reload),
    watcher.onDidChange(reload),
    watcher.onDidDelete(reload),
    vscode.workspace.onDidChangeWorkspaceFolders(reload),
    vscode.workspace.onDidGrantWorkspaceTrust(reload),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('youops.configPath') || e.affectsConfiguration('youops.refreshInterval')) reload();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
