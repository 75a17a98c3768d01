import * as vscode from 'vscode';

const SCHEME = 'youops-view';
const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/**
 * Read-only tabs for text the extension shows but the user should not save
 * (a dry-run patch): closing them never asks "Save changes?".
 */
export function registerReadOnlyDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => contents.get(uri.path) ?? '',
  });
}

export async function showReadOnlyDocument(
  name: string,
  content: string,
  language: string,
  options: vscode.TextDocumentShowOptions = {},
): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name.replace(/[\\/:*?"<>|#]+/g, ' ').trim() || 'YouOps'}` });
  contents.set(uri.path, content);
  changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, language);
  return vscode.window.showTextDocument(doc, { preview: true, ...options });
}
