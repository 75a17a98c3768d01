import * as vscode from 'vscode';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';

/** Problems in youops.yaml as diagnostics on the exact key or value: of the unsaved buffer while it is being typed, else of the file. */
export function showConfigDiagnostics(store: WorkspaceStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('youops-config');
  const update = () => {
    collection.clear();
    const shown = store.configProblems();
    if (!shown) return;
    collection.set(
      vscode.Uri.file(shown.file),
      shown.problems.map((p) => {
        const d = new vscode.Diagnostic(
          toVsRange(p.range),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'youops';
        return d;
      }),
    );
  };
  update();
  return vscode.Disposable.from(collection, store.onDidChange(update), store.onDidChangeConfigDraft(update));
}
