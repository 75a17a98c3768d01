import * as vscode from 'vscode';
import { AuditLog, type AuditRecord } from '../../core/chatops/auditLog';

/**
 * The window's one append-only audit log: ChatOps sends and the operations sent to the GitOps
 * agent go through the same rules into the same file. Appends go through the core's AuditLog;
 * readers (the audit document) hear when it grew.
 */
export class AuditTrail extends AuditLog implements vscode.Disposable {
  private readonly appended = new vscode.EventEmitter<void>();
  readonly onDidAppend = this.appended.event;

  override async append(record: AuditRecord): Promise<void> {
    await super.append(record);
    this.appended.fire();
  }

  dispose(): void {
    this.appended.dispose();
  }
}
