import * as vscode from 'vscode';
import { CommitDocumentProvider } from '../history/commitDocumentProvider';

/** Opens what a commit changed in an environment, from the History node. */
export async function showCommit(ref: { env: string; hash: string }): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(CommitDocumentProvider.uri(ref.env, ref.hash));
  await vscode.languages.setTextDocumentLanguage(doc, 'diff');
  await vscode.window.showTextDocument(doc, { preview: true });
}
