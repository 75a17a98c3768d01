import * as vscode from 'vscode';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { EnvironmentsTreeProvider } from '../tree/environmentsTreeProvider';
import { AUDIT_SCHEME, AuditLogDocumentProvider, showAuditLog } from './auditLogDocument';
import { ChatOpsController } from './chatOpsController';
import { clearSlackToken, clearWebhookUrl, setSlackToken, setWebhookUrl } from './secretCommands';
import { resendFromHistory, sendChatOpsCommand } from './sendCommandFlow';

/** ChatOps commands, the audit-log document and the tree's "last command" rows. Disposed with the extension. */
export function registerChatOps(context: vscode.ExtensionContext, store: WorkspaceStore, tree: EnvironmentsTreeProvider): ChatOpsController {
  const chatops = new ChatOpsController(context);
  const r = vscode.commands.registerCommand;
  context.subscriptions.push(
    chatops,
    tree.attachChatOps({ lastFor: (env) => chatops.history.lastFor(env), onDidChange: chatops.onDidChange }),
    vscode.workspace.registerTextDocumentContentProvider(AUDIT_SCHEME, new AuditLogDocumentProvider(chatops)),
    r('youops.sendChatOpsCommand', (arg?: unknown) => sendChatOpsCommand(store, chatops, arg)),
    r('youops.chatops.resend', (arg?: unknown) => resendFromHistory(store, chatops, (arg as { entry?: unknown } | undefined)?.entry ?? arg)),
    r('youops.chatops.showAuditLog', () => showAuditLog()),
    r('youops.chatops.showOutput', () => chatops.output.show()),
    r('youops.chatops.setSlackToken', () => setSlackToken(store, chatops)),
    r('youops.chatops.clearSlackToken', () => clearSlackToken(chatops)),
    r('youops.chatops.setWebhookUrl', (name?: unknown) => setWebhookUrl(store, chatops, typeof name === 'string' ? name : undefined)),
    r('youops.chatops.clearWebhookUrl', (name?: unknown) => clearWebhookUrl(store, chatops, typeof name === 'string' ? name : undefined)),
  );
  return chatops;
}
