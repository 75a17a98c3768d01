import * as vscode from 'vscode';
import { formatAuditLog } from '../../core/chatops/formatAuditLog';
import { Disposable } from '../shared/disposable';
import type { Ui } from '../shared/ui/uiSeam';
import type { AuditTrail } from '../shared/auditTrail';

export const AUDIT_SCHEME = 'youops-audit';
const AUDIT_URI = vscode.Uri.from({ scheme: AUDIT_SCHEME, path: '/ChatOps audit log' });

/** The audit log as a read-only document: it is appended to by sends and agent operations, never edited by hand. */
export class AuditLogDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly audit: AuditTrail) {
    super();
    this._register(audit.onDidAppend(() => this.changed.fire(AUDIT_URI)));
    this._register(vscode.workspace.registerTextDocumentContentProvider(AUDIT_SCHEME, this));
  }

  async provideTextDocumentContent(): Promise<string> {
    return formatAuditLog(await this.audit.entries(), this.audit.file);
  }
}

export function showAuditLog(ui: Ui): Promise<vscode.TextEditor> {
  return ui.showDocument(AUDIT_URI, { preview: true });
}
