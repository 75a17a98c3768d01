import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';
import { YAML_AND_JSON_FILES } from '../util/documentSelectors';
import { loadSchemasFromCluster, quickPickContext, type ContextPicker } from './loadClusterSchemas';
import { ManifestDiagnostics } from './manifestDiagnostics';
import { SchemaHoverProvider } from './schemaHoverProvider';
import { SchemaQuickFixProvider } from './schemaQuickFixes';
import { SchemaService } from './schemaService';

export interface ValidationApi {
  schemas: SchemaService;
  diagnostics: ManifestDiagnostics;
  /** Extension-host tests choose the kubectl context with this; refused outside ExtensionMode.Test. */
  useContextPickerForTests(picker: ContextPicker | undefined): void;
}

/** Schema validation surfaces: diagnostics while typing, hovers with descriptions, quick fixes, cluster schemas. */
export function registerValidation(context: vscode.ExtensionContext, store: WorkspaceStore): ValidationApi {
  const schemas = new SchemaService(context, store);
  const diagnostics = new ManifestDiagnostics(schemas, store);
  let pickContext: ContextPicker = quickPickContext;
  context.subscriptions.push(
    schemas,
    diagnostics,
    vscode.languages.registerHoverProvider(YAML_AND_JSON_FILES, new SchemaHoverProvider(schemas)),
    vscode.languages.registerCodeActionsProvider(YAML_AND_JSON_FILES, new SchemaQuickFixProvider(diagnostics), { providedCodeActionKinds: SchemaQuickFixProvider.kinds }),
    vscode.commands.registerCommand('youops.loadClusterSchemas', () => loadSchemasFromCluster(context, schemas, pickContext)),
  );
  return {
    schemas,
    diagnostics,
    useContextPickerForTests(picker) {
      if (context.extensionMode !== vscode.ExtensionMode.Test) throw new Error('useContextPickerForTests is only available in extension tests');
      pickContext = picker ?? quickPickContext;
    },
  };
}
