import * as vscode from 'vscode';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';

/** Opens youops.yaml (at a problem's line), or offers to create it. */
export async function openConfig(store: WorkspaceStore, ui: Ui, line?: number): Promise<void> {
  const state = store.state;
  if (state.kind !== 'ready' && state.kind !== 'invalid') {
    await vscode.commands.executeCommand('youops.createConfig');
    return;
  }
  const pos = new vscode.Position(typeof line === 'number' ? line : 0, 0);
  await ui.showDocument(vscode.Uri.file(state.configFile), { selection: new vscode.Range(pos, pos) });
}
