import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentValidator, SchemaAssociation, SchemaStore } from '../../core/validation';
import { Disposable } from '../shared/disposable';
import type { WorkspaceStore } from '../shared/store/workspaceStore';

/**
 * The schema store and validator, created on first use (validation modules and
 * schemas are heavy) and recreated when trust or schema settings change.
 * Untrusted folders never fetch schema URLs: only the cache and shipped schemas.
 */
export class SchemaService extends Disposable {
  private current: { store: SchemaStore; validator: DocumentValidator } | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Schemas or associations changed: open documents must be validated again. */
  readonly onDidChange = this.changed.event;
  private associationsKey = '';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: WorkspaceStore,
  ) {
    super();
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()));
    this._register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => (e.affectsConfiguration('youops.schemas') || e.affectsConfiguration('youops.validation')) && this.changed.fire(),
      ),
    );
    // The store changes on every refresh; only new `schemas:` associations call for re-validation.
    this._register(
      workspace.onDidChange(() => {
        const key = JSON.stringify(this.associations());
        if (key !== this.associationsKey) {
          this.associationsKey = key;
          this.changed.fire();
        }
      }),
    );
  }

  get validator(): DocumentValidator {
    return this.ensure().validator;
  }

  get store(): SchemaStore {
    return this.ensure().store;
  }

  /** Cluster schemas (apiVersion/kind → `cluster.json#/definitions/…`, see loadClusterSchemas) take precedence over the shipped ones. */
  setKindSchemas(kindSchemas: Record<string, string>): void {
    void this.context.workspaceState.update('youops.clusterSchemas', kindSchemas);
    this.reset();
  }

  /** youops.yaml `schemas:` plus the `youops.schemas` setting (glob → path or URL). */
  associations(): SchemaAssociation[] {
    const state = this.workspace.state;
    const fromConfig = state.kind === 'ready' ? state.config.schemas.map((s) => ({ ...s, baseDir: state.rootDir, confinedTo: state.rootDir })) : [];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const setting = vscode.workspace.getConfiguration('youops').get<Record<string, string>>('schemas', {});
    return [...fromConfig, ...Object.entries(setting).map(([files, schema]) => ({ files, schema, baseDir: folder }))];
  }

  /**
   * Where a file's modeline may take its schema from: the workspace folder that holds the file,
   * or — for a file outside every folder — its own folder.
   */
  rootFor(uri: vscode.Uri): string {
    return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
  }

  private ensure(): { store: SchemaStore; validator: DocumentValidator } {
    if (!this.current) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const v = require('../../core/validation') as typeof import('../../core/validation');
      const store = new v.SchemaStore({
        schemasDir: path.join(this.context.extensionPath, 'schemas'),
        fetcher: vscode.workspace.isTrusted
          ? v.createSchemaFetcher({ allowPrivateHosts: vscode.workspace.getConfiguration('youops').get<boolean>('validation.allowPrivateSchemaHosts', false) })
          : v.offlineFetcher,
        cacheDir: path.join(this.context.globalStorageUri.fsPath, 'schema-cache'),
        kindSchemas: this.context.workspaceState.get<Record<string, string>>('youops.clusterSchemas', {}),
      });
      this.current = { store, validator: new v.DocumentValidator(store) };
    }
    return this.current;
  }

  private reset(): void {
    this.current = undefined;
    this.changed.fire();
  }
}
