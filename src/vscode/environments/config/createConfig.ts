import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findConfigFile } from '../../../core/config/configFile';
import { configTemplate } from '../../../core/config/configTemplate';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';

/** Writes a commented youops.yaml guessed from the folder's layout; never overwrites an existing one. */
export async function createConfig(store: WorkspaceStore, ui: Ui): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) {
    void ui.notify('warning', 'Open a folder first: youops.yaml lives at the root of your GitOps repository.');
    return;
  }
  const existing = findConfigFile(folder.uri.fsPath);
  if (existing) {
    await ui.showDocument(vscode.Uri.file(existing));
    void ui.notify('info', `${path.basename(existing)} already exists — opened it.`);
    return;
  }
  const file = path.join(folder.uri.fsPath, 'youops.yaml');
  const envDirs = await listEnvironmentFolders(folder.uri.fsPath);
  await fs.writeFile(file, configTemplate(envDirs), { flag: 'wx' });
  await ui.showDocument(vscode.Uri.file(file));
  await store.reload();
}

/** `envs/*`, `environments/*`, `overlays/*` or `clusters/*` sub-folders, the usual GitOps layouts. */
async function listEnvironmentFolders(root: string): Promise<string[]> {
  for (const parent of ['envs', 'environments', 'overlays', 'clusters']) {
    try {
      const entries = await fs.readdir(path.join(root, parent), { withFileTypes: true });
      const dirs = entries.filter((e) => e.isDirectory()).map((e) => `${parent}/${e.name}`);
      if (dirs.length) return dirs;
    } catch {
      /* not this layout */
    }
  }
  return [];
}
