import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';
import type { ManifestDiagnostics } from './manifestDiagnostics';

/** Re-reads youops.yaml, then schema-validates every manifest of every environment, and reports. */
export async function validateWorkspace(store: WorkspaceStore, ui: Ui, diagnostics: ManifestDiagnostics): Promise<void> {
  const counts = await ui.progress({ title: 'YouOps: validating workspace', cancellable: true }, async (progress, token) => {
    await store.reload({ force: true });
    const state = store.state;
    if (state.kind !== 'ready' && state.kind !== 'invalid') return undefined;
    // Environments read from another branch are left out: their files are not the working tree's.
    const fromWorkingTree = state.kind === 'ready' ? state.environments.filter((e) => !e.state?.desiredRef) : [];
    const files = [...new Set(fromWorkingTree.flatMap((e) => e.state?.drift.resources.flatMap((r) => (r.resource ? [r.resource.file] : [])) ?? []))];
    progress.report({ message: `${files.length} manifest file(s)` });
    const schemaErrors = await diagnostics.validateFiles(
      files.map((f) => vscode.Uri.file(f)),
      token,
    );
    const configErrors = state.problems.filter((p) => p.severity === 'error').length;
    const manifestErrors =
      state.kind === 'ready' ? state.environments.flatMap((e) => e.state?.manifestErrors ?? []).filter((e) => e.severity === 'error').length : 0;
    return { configFile: state.configFile, configErrors, manifestErrors: manifestErrors + schemaErrors, files: files.length };
  });
  if (!counts) {
    void ui.notify('info', 'No youops.yaml to validate.', 'Create youops.yaml').then((a) => a && vscode.commands.executeCommand('youops.createConfig'));
    return;
  }
  const name = path.basename(counts.configFile);
  if (counts.configErrors + counts.manifestErrors === 0) {
    void ui.notify('info', `YouOps: ${name} and the environments' manifests are valid (${counts.files} files).`);
    return;
  }
  const action = await ui.notify(
    'warning',
    `YouOps: ${counts.configErrors} error(s) in ${name}, ${counts.manifestErrors} in the environments' manifests.`,
    'Show Problems',
  );
  if (action) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
