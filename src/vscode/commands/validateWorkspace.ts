import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';

/** Re-reads youops.yaml and the environments' manifests and reports what is wrong. */
export async function validateWorkspace(store: WorkspaceStore): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'YouOps: validating workspace' }, () => store.reload({ force: true }));
  const state = store.state;
  if (state.kind === 'noFolder' || state.kind === 'noConfig') {
    void vscode.window.showInformationMessage('No youops.yaml to validate.', 'Create youops.yaml').then((a) => a && vscode.commands.executeCommand('youops.createConfig'));
    return;
  }
  const configErrors = state.problems.filter((p) => p.severity === 'error').length;
  const manifestErrors = state.kind === 'ready' ? state.environments.flatMap((e) => e.state?.manifestErrors ?? []).filter((e) => e.severity === 'error').length : 0;
  const total = configErrors + manifestErrors;
  if (total === 0) {
    void vscode.window.showInformationMessage(`YouOps: ${path.basename(state.configFile)} and the environments' manifests are valid.`);
  } else {
    const action = await vscode.window.showWarningMessage(
      `YouOps: ${configErrors} problem(s) in ${path.basename(state.configFile)}, ${manifestErrors} in manifests.`,
      'Show Problems',
    );
    if (action) await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}
