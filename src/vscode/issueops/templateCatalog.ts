import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadTemplates, type TemplateSet } from '../../core/issueops/loadTemplates';
import type { WorkspaceStore } from '../store/workspaceStore';

/**
 * The workspace's issue templates (the folder youops.yaml names, by default
 * .github/ISSUE_TEMPLATE). Invalid templates are reported once per change in
 * the log and as a warning, and left out — never fatal.
 */
/** Problems already reported, so the background ticket refresh does not repeat the warning. */
let lastReported = '';

export async function workspaceTemplates(store: WorkspaceStore, log: vscode.LogOutputChannel): Promise<TemplateSet | undefined> {
  const state = store.state;
  if (state.kind !== 'ready') return undefined;
  const set = await loadTemplates(path.resolve(state.rootDir, state.config.issueops.templates || '.github/ISSUE_TEMPLATE'), state.rootDir);
  const signature = JSON.stringify(set.problems);
  if (set.problems.length && signature !== lastReported) {
    lastReported = signature;
    for (const p of set.problems) log.warn(`${path.join(set.dir, p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    const files = [...new Set(set.problems.map((p) => p.file))];
    void vscode.window
      .showWarningMessage(`${files.length === 1 ? `Issue template ${files[0]} has problems` : `${files.length} issue templates have problems`}: ${set.problems[0].message}`, 'Open Template', 'Show All')
      .then((c) => {
        if (c === 'Open Template') void vscode.window.showTextDocument(vscode.Uri.file(path.join(set.dir, set.problems[0].file)), { selection: set.problems[0].line ? new vscode.Range(set.problems[0].line - 1, 0, set.problems[0].line - 1, 0) : undefined });
        if (c === 'Show All') log.show(true);
      });
  }
  return set;
}
