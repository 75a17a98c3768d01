import * as vscode from 'vscode';
import { YAML_AND_JSON_FILES } from '../shared/documentSelectors';
import type { Services } from '../shared/services';
import { loadSchemasFromCluster } from './loadClusterSchemas';
import { ManifestDiagnostics } from './manifestDiagnostics';
import { SchemaHoverProvider } from './schemaHoverProvider';
import { SchemaQuickFixProvider } from './schemaQuickFixes';
import { SchemaService } from './schemaService';
import { validateWorkspace } from './validateWorkspace';

/** What the validation feature hands to the extension-host tests. */
export interface ValidationHandles {
  schemas: SchemaService;
  diagnostics: ManifestDiagnostics;
}

/** Schema validation surfaces: diagnostics while typing, hovers with descriptions, quick fixes, cluster schemas. */
export function registerValidation(services: Services): ValidationHandles {
  const { context, store, ui, failures, commands } = services;
  const schemas = new SchemaService(context, store);
  const diagnostics = new ManifestDiagnostics(schemas, store);
  context.subscriptions.push(
    schemas,
    diagnostics,
    vscode.languages.registerHoverProvider(YAML_AND_JSON_FILES, new SchemaHoverProvider(schemas)),
    vscode.languages.registerCodeActionsProvider(YAML_AND_JSON_FILES, new SchemaQuickFixProvider(diagnostics), {
      providedCodeActionKinds: SchemaQuickFixProvider.kinds,
    }),
  );
  commands.register('youops.loadClusterSchemas', () => loadSchemasFromCluster(context, schemas, ui, failures));
  commands.register('youops.validateWorkspace', () => validateWorkspace(store, ui, diagnostics));
  return { schemas, diagnostics };
}
