import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';

export async function openConfig(store: WorkspaceStore, line?: number): Promise<void> {
  const state = store.state;
  if (state.kind !== 'ready' && state.kind !== 'invalid') {
    await vscode.commands.executeCommand('youops.createConfig');
    return;
  }
  const pos = new vscode.Position(typeof line === 'number' ? line : 0, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(state.configFile), { selection: new vscode.Range(pos, pos) });
}
