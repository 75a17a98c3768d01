import * as vscode from 'vscode';
import { driftText } from '../../../core/drift/driftText';
import { shortValue } from '../../shared/shortValue';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';

/**
 * Marks each drifted line of a visible manifest: a wavy underline on the key,
 * the live value after the line, and a mark in the overview ruler.
 */
export interface DriftLineDecorations extends vscode.Disposable {
  /** What was last drawn in the editor of `file`: line and after-text per drifted field (read back by tests). */
  renderedFor(file: string): Array<{ line: number; text: string }>;
}

export function showDriftLineDecorations(store: WorkspaceStore): DriftLineDecorations {
  const rendered = new Map<string, Array<{ line: number; text: string }>>();
  const keyType = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline wavy var(--vscode-editorWarning-foreground)',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  // A second type so the live value sits at the end of the line, not between key and value.
  const liveValueType = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  const enabled = () => vscode.workspace.getConfiguration('youops').get<boolean>('drift.decorations', true);

  const render = (editor: vscode.TextEditor) => {
    const keys: vscode.DecorationOptions[] = [];
    const liveValues: vscode.DecorationOptions[] = [];
    if (!enabled()) {
      editor.setDecorations(keyType, keys);
      rendered.delete(editor.document.uri.fsPath);
      return editor.setDecorations(liveValueType, liveValues);
    }
    for (const { env, resource } of store.manifests.inFile(editor.document.uri.fsPath)) {
      for (const f of resource.fields) {
        if (!f.location) continue;
        const live = f.live === undefined && !f.masked ? 'absent' : driftText(f, shortValue).live;
        const key = toVsRange(f.location.keyRange);
        keys.push({ range: key });
        if (key.start.line >= editor.document.lineCount) continue;
        const lineEnd = editor.document.lineAt(key.start.line).range.end;
        liveValues.push({ range: new vscode.Range(lineEnd, lineEnd), renderOptions: { after: { contentText: `⚠ ${env} live: ${live}` } } });
      }
    }
    editor.setDecorations(keyType, keys);
    editor.setDecorations(liveValueType, liveValues);
    rendered.set(
      editor.document.uri.fsPath,
      liveValues.map((d) => ({ line: d.range.start.line, text: String(d.renderOptions?.after?.contentText ?? '') })),
    );
  };
  const renderAll = () => vscode.window.visibleTextEditors.forEach(render);
  renderAll();
  const disposable = vscode.Disposable.from(
    keyType,
    liveValueType,
    store.onDidChange(renderAll),
    store.onDidChangeDraft((file) => vscode.window.visibleTextEditors.filter((e) => e.document.uri.fsPath === file).forEach(render)),
    vscode.window.onDidChangeVisibleTextEditors(renderAll),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('youops.drift.decorations') && renderAll()),
  );
  return { renderedFor: (file) => rendered.get(file) ?? [], dispose: () => disposable.dispose() };
}
