import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';
import { YAML_AND_JSON_FILES } from '../util/documentSelectors';
import { ManifestDiagnostics } from './manifestDiagnostics';
import { SchemaHoverProvider } from './schemaHoverProvider';
import { SchemaQuickFixProvider } from './schemaQuickFixes';
import { SchemaService } from './schemaService';

export interface ValidationApi {
  schemas: SchemaService;
  diagnostics: ManifestDiagnostics;
}

/** Schema validation surfaces: diagnostics while typing, hovers with descriptions, quick fixes. */
export function registerValidation(context: vscode.ExtensionContext, store: WorkspaceStore): ValidationApi {
  const schemas = new SchemaService(context, store);
  const diagnostics = new ManifestDiagnostics(schemas, store);
  context.subscriptions.push(
    schemas,
    diagnostics,
    vscode.languages.registerHoverProvider(YAML_AND_JSON_FILES, new SchemaHoverProvider(schemas)),
    vscode.languages.registerCodeActionsProvider(YAML_AND_JSON_FILES, new SchemaQuickFixProvider(diagnostics), { providedCodeActionKinds: SchemaQuickFixProvider.kinds }),
  );
  return { schemas, diagnostics };
}
