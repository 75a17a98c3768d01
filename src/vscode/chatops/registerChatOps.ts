import { configuredTransports } from '../../core/chatops/transportSettings';
import { setContextKey } from '../shared/contextKeys';
import type { Services } from '../shared/services';
import { shownState } from '../shared/store/workspaceState';
import { AuditLogDocumentProvider, showAuditLog } from './auditLogDocument';
import { ChatOpsController } from './chatOpsController';
import { LastCommandSection } from './lastCommandSection';
import { clearBotToken, clearSlackToken, clearWebhookUrl, setBotToken, setSlackToken, setWebhookUrl } from './secretCommands';
import { resendFromHistory, sendChatOpsCommand, type ChatOpsDeps } from './sendCommandFlow';

/** ChatOps: commands to a chat or bot, their history and audit log, and each environment's last command in the tree. */
export function registerChatOps(services: Services): ChatOpsController {
  const { context, store, ui, failures, secrets, github, commands, audit } = services;
  const chatops = new ChatOpsController(context, ui, failures, audit);
  const deps: ChatOpsDeps = { store, ui, failures, secrets, github, chatops };
  services.sections.push(new LastCommandSection(chatops));
  // The palette offers secret commands for the transports youops.yaml configures, and Resend once something was sent.
  const contextKeys = () => {
    const config = shownState(store.state)?.config;
    const kinds = config ? configuredTransports(config.chatops.transports) : [];
    setContextKey('youops.chatops.slack', kinds.includes('slack'));
    setContextKey('youops.chatops.webhook', kinds.includes('webhook'));
    setContextKey('youops.chatops.hasHistory', chatops.history.all().length > 0);
  };
  contextKeys();
  context.subscriptions.push(store.onDidChange(contextKeys), chatops.onDidChange(contextKeys));
  context.subscriptions.push(chatops, new AuditLogDocumentProvider(audit));
  const name = (args: readonly unknown[]) => (typeof args[0] === 'string' ? args[0] : undefined);
  commands.register('youops.sendChatOpsCommand', (t) => sendChatOpsCommand(deps, t), { needsConfig: true, fromEditor: true });
  commands.register('youops.chatops.resend', (t) => resendFromHistory(deps, t.historyId), { needsConfig: true });
  commands.register('youops.chatops.showAuditLog', () => showAuditLog(ui));
  commands.register('youops.chatops.showOutput', () => chatops.output.show());
  commands.register('youops.chatops.setSlackToken', () => setSlackToken(deps));
  commands.register('youops.chatops.clearSlackToken', () => clearSlackToken(deps));
  commands.register('youops.chatops.setWebhookUrl', (t) => setWebhookUrl(deps, name(t.args)));
  commands.register('youops.chatops.clearWebhookUrl', (t) => clearWebhookUrl(deps, name(t.args)));
  commands.register('youops.chatops.setBotToken', () => setBotToken(deps), { needsConfig: true });
  commands.register('youops.chatops.clearBotToken', () => clearBotToken(deps), { needsConfig: true });
  return chatops;
}
