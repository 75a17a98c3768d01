import * as vscode from 'vscode';
import { isKustomizeMessage } from '../../../core/kustomize/kustomizeErrors';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';

/**
 * What kustomize itself reported (a missing file, a patch that matches nothing, a deprecated
 * field) as problems on the kustomization.yaml line it names, whether or not the file is open:
 * one per line and message, naming the environments whose rendering met it.
 */
export function showKustomizeDiagnostics(store: WorkspaceStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('youops-kustomize');
  const update = () => {
    const state = store.state;
    const found = new Map<string, { file: string; range: vscode.Range; message: string; severity: vscode.DiagnosticSeverity; envs: string[] }>();
    if (state.kind === 'ready') {
      for (const entry of state.environments) {
        // Rendered at another branch: its lines are that branch's.
        if (!entry.state || entry.state.desiredRef) continue;
        for (const e of entry.state.manifestErrors) {
          if (!e.range || !isKustomizeMessage(e)) continue;
          const key = `${e.file}\n${e.range.start.line}\n${e.message}`;
          const hit = found.get(key);
          if (hit) {
            if (!hit.envs.includes(entry.name)) hit.envs.push(entry.name);
            continue;
          }
          const severity = e.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
          found.set(key, { file: e.file, range: toVsRange(e.range), message: e.message.replace(/^kustomize: /, ''), severity, envs: [entry.name] });
        }
      }
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of found.values()) {
      const d = new vscode.Diagnostic(f.range, `${f.message} (${f.envs.join(', ')})`, f.severity);
      d.source = 'kustomize';
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), d]);
    }
    collection.clear();
    for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
  };
  update();
  return vscode.Disposable.from(collection, store.onDidChange(update));
}
