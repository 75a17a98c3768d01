import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadTemplates, type TemplateSet } from '../../core/issueops/loadTemplates';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';

/** Problems already reported, so the background ticket refresh does not repeat the warning. */
let lastReported = '';

/**
 * The workspace's issue templates (the folder youops.yaml names, by default
 * .github/ISSUE_TEMPLATE). Invalid templates are reported once per change in
 * the log and as a warning, and left out — never fatal.
 */
export async function workspaceTemplates({
  store,
  ui,
  log,
}: {
  store: WorkspaceStore;
  ui: Ui;
  log: vscode.LogOutputChannel;
}): Promise<TemplateSet | undefined> {
  const state = store.state;
  if (state.kind !== 'ready') return undefined;
  const set = await loadTemplates(path.resolve(state.rootDir, state.config.issueops.templates || '.github/ISSUE_TEMPLATE'), state.rootDir);
  const signature = JSON.stringify(set.problems);
  if (set.problems.length && signature !== lastReported) {
    lastReported = signature;
    for (const p of set.problems) log.warn(`${path.join(set.dir, p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    const files = [...new Set(set.problems.map((p) => p.file))];
    const first = set.problems[0];
    void ui
      .notify(
        'warning',
        `${files.length === 1 ? `Issue template ${files[0]} has problems` : `${files.length} issue templates have problems`}: ${first.message}`,
        'Open Template',
        'Show All',
      )
      .then((c) => {
        if (c === 'Open Template')
          void ui.showDocument(vscode.Uri.file(path.join(set.dir, first.file)), {
            selection: first.line ? new vscode.Range(first.line - 1, 0, first.line - 1, 0) : undefined,
          });
        if (c === 'Show All') log.show(true);
      });
  }
  return set;
}
