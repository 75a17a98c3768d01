import * as vscode from 'vscode';
import { toVsRange } from '../shared/vsRange';
import type { SchemaService } from './schemaService';

/** The schema's description of the key under the cursor (loaded apart from the validators). */
export class SchemaHoverProvider implements vscode.HoverProvider {
  constructor(private readonly schemas: SchemaService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!vscode.workspace.getConfiguration('youops', document.uri).get<boolean>('validation.enable', true)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { hoverAt } = require('../../core/validation') as typeof import('../../core/validation');
    const info = hoverAt(
      document.getText(),
      { line: position.line, character: position.character },
      { fileName: document.uri.fsPath, associations: this.schemas.associations(), rootDir: this.schemas.rootFor(document.uri) },
      this.schemas.store,
    );
    return info ? new vscode.Hover(new vscode.MarkdownString(info.markdown), toVsRange(info.range)) : undefined;
  }
}
