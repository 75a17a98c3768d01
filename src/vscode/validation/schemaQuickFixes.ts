import * as vscode from 'vscode';
import type { ManifestDiagnostics } from './manifestDiagnostics';

/** Quick fixes the validator found obvious: rename a misspelt field, (un)quote a value. */
export class SchemaQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ManifestDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findings.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'youops') continue;
      const finding = findings.find(
        (f) =>
          f.data &&
          f.message === diagnostic.message &&
          f.range.start.line === diagnostic.range.start.line &&
          f.range.start.character === diagnostic.range.start.character,
      );
      if (!finding?.data) continue;
      const action = new vscode.CodeAction(finding.data.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, finding.data.replacement);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
