import * as path from 'node:path';
import * as vscode from 'vscode';
import { KustomizePatchFiles } from '../../core/kustomize/patchFiles';
import { KUSTOMIZATION_FILE_NAMES } from '../../core/manifests/kustomization';
import type { Severity, ValidationDiagnostic } from '../../core/validation';
import { Disposable, toDisposable } from '../shared/disposable';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import { toVsRange } from '../shared/vsRange';
import type { SchemaService } from './schemaService';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Schema diagnostics for open YAML/JSON documents while typing: debounced,
 * cancelled when the text moves on, re-validating only the edited document.
 * youops.yaml itself is left to the config diagnostics (they add the semantic checks).
 */
export class ManifestDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('youops-schema'));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  /** Last core diagnostics per document, for quick fixes. */
  readonly findings = new Map<string, ValidationDiagnostic[]>();
  /** Files kustomizations use as strategic-merge patches: validated as the partial objects they are. */
  private readonly patchFiles = new KustomizePatchFiles();

  constructor(
    private readonly schemas: SchemaService,
    private readonly store: WorkspaceStore,
  ) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, 200)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    // A kustomization that changed may list other patches: they are partial objects, the others not.
    this._register(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (!KUSTOMIZATION_FILE_NAMES.includes(path.basename(d.uri.fsPath))) return;
        this.patchFiles.forget(d.uri.fsPath);
        this.validateOpenDocuments();
      }),
    );
    this._register(schemas.onDidChange(() => this.validateOpenDocuments()));
    this._register(
      toDisposable(() => {
        this.timers.forEach(clearTimeout);
        this.running.forEach((c) => c.cancel());
      }),
    );
    this.validateOpenDocuments();
  }

  validateOpenDocuments(): void {
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  /** Validates files on disk too (Validate Workspace); returns the number of errors. */
  async validateFiles(uris: vscode.Uri[], token?: vscode.CancellationToken): Promise<number> {
    let errors = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const doc = await vscode.workspace.openTextDocument(uri);
      errors += (await this.validate(doc)).filter((d) => d.severity === 'error').length;
    }
    return errors;
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.applies(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.running.get(key)?.cancel();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(doc);
      }, delayMs),
    );
  }

  private async validate(doc: vscode.TextDocument): Promise<ValidationDiagnostic[]> {
    const key = doc.uri.toString();
    if (!this.applies(doc)) return [];
    const cts = new vscode.CancellationTokenSource();
    this.running.get(key)?.cancel();
    this.running.set(key, cts);
    try {
      const settings = vscode.workspace.getConfiguration('youops', doc.uri);
      const severity = settings.get<boolean>('validation.strictKinds', false) ? 'error' : settings.get<string>('validation.unknownKindSeverity', 'information');
      const partialObject = await this.patchFiles.isPatch(doc.uri.fsPath);
      if (cts.token.isCancellationRequested) return [];
      const result = await this.schemas.validator.validate(key, doc.getText(), {
        fileName: doc.uri.fsPath,
        partialObject,
        associations: this.schemas.associations(),
        rootDir: this.schemas.rootFor(doc.uri),
        unknownKindSeverity: severity === 'off' ? 'ignore' : (severity as Severity),
        maxDiagnosticsPerDocument: 100,
        token: cts.token,
      });
      if (result.cancelled || cts.token.isCancellationRequested) return [];
      this.findings.set(key, result.diagnostics);
      this.collection.set(doc.uri, result.diagnostics.map(toDiagnostic));
      return result.diagnostics;
    } catch (err) {
      // A validator bug must never take the editor down: report it on the first line instead.
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        `YouOps could not validate this file: ${(err as Error).message}`,
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'youops';
      this.collection.set(doc.uri, [d]);
      return [];
    } finally {
      if (this.running.get(key) === cts) this.running.delete(key);
      cts.dispose();
    }
  }

  private applies(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' || !['yaml', 'json', 'jsonc'].includes(doc.languageId)) return false;
    if (!vscode.workspace.getConfiguration('youops', doc.uri).get<boolean>('validation.enable', true)) return false;
    const state = this.store.state;
    return !((state.kind === 'ready' || state.kind === 'invalid') && state.configFile === doc.uri.fsPath);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.running.get(key)?.cancel();
    this.findings.delete(key);
    this.schemas.validator.forget(key);
    // Problems of closed files stay only when they came from Validate Workspace.
  }
}

function toDiagnostic(d: ValidationDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = 'youops';
  if (d.code) diagnostic.code = d.code;
  return diagnostic;
}
