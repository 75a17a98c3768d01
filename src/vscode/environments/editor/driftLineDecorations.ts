import * as vscode from 'vscode';
import { driftText } from '../../../core/drift/driftText';
import { shortValue } from '../../shared/shortValue';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import { toVsRange } from '../../shared/vsRange';
import { sourceLocation } from './sourceLocation';

/**
 * Marks each drifted line of a visible file: a wavy underline on the key, the live value after
 * the line, and a mark in the overview ruler. The line is where the desired value is set (a
 * patch, a kustomization.yaml entry, the base); a base line an overlay overrides says where.
 */
export interface DriftLineDecorations extends vscode.Disposable {
  /** What was last drawn in the editor of `file`: line and after-text per drifted line (read back by tests). */
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
    const file = editor.document.uri.fsPath;
    if (!enabled()) {
      editor.setDecorations(keyType, []);
      editor.setDecorations(liveValueType, []);
      rendered.delete(file);
      return;
    }
    const keys: vscode.DecorationOptions[] = [];
    // Several environments (a shared base) on one line: one text, in the order of youops.yaml.
    const texts = new Map<number, string[]>();
    for (const { env, field } of store.manifests.fieldsIn(file)) {
      const f = field.drift;
      const live = f.live === undefined && !f.masked ? 'absent' : driftText(f, shortValue).live;
      const key = toVsRange(field.range);
      keys.push({ range: key });
      if (key.start.line >= editor.document.lineCount) continue;
      const where = field.setHere ? '' : ` · set by ${sourceLocation(field.source)}`;
      texts.set(key.start.line, [...(texts.get(key.start.line) ?? []), `⚠ ${env} live: ${live}${where}`]);
    }
    const liveValues = [...texts].map(([line, parts]): vscode.DecorationOptions => {
      const lineEnd = editor.document.lineAt(line).range.end;
      return { range: new vscode.Range(lineEnd, lineEnd), renderOptions: { after: { contentText: parts.join('   ') } } };
    });
    editor.setDecorations(keyType, keys);
    editor.setDecorations(liveValueType, liveValues);
    rendered.set(
      file,
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
