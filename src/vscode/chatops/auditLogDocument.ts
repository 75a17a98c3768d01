import * as vscode from 'vscode';
import { formatAuditLog } from '../../core/chatops/formatAuditLog';
import type { ChatOpsController } from './chatOpsController';

export const AUDIT_SCHEME = 'youops-audit';
const AUDIT_URI = vscode.Uri.from({ scheme: AUDIT_SCHEME, path: '/ChatOps audit log' });

/** The audit log as a read-only document: it is appended to by sends, never edited by hand. */
export class AuditLogDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly chatops: ChatOpsController) {
    chatops.onDidChange(() => this.changed.fire(AUDIT_URI));
  }

  async provideTextDocumentContent(): Promise<string> {
    return formatAuditLog(await this.chatops.audit.entries(), this.chatops.audit.file);
  }
}

export async function showAuditLog(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(AUDIT_URI);
  return vscode.window.showTextDocument(doc, { preview: true });
}
