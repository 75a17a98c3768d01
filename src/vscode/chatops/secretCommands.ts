import { hostOf, isAcceptableEndpoint } from '../../core/chatops/secretBinding';
import { transportSettings } from '../../core/chatops/transportSettings';
import { SLACK_API_URL } from '../../core/chatops/transports/slackWebApi';
import type { Secrets } from '../shared/secrets';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';

/** Set/clear the Slack bot token, webhook URLs and the HTTP bot's token: masked input, SecretStorage only, bound to their host. */
export interface SecretCommandDeps {
  store: WorkspaceStore;
  ui: Ui;
  secrets: Secrets;
}

export async function setSlackToken({ store, ui, secrets }: SecretCommandDeps): Promise<boolean> {
  const apiUrl = slackApiUrl(store);
  if (!isAcceptableEndpoint(apiUrl)) {
    void ui.notify('error', `chatops.transports.slack.apiUrl (${apiUrl}) must use https; the token is not stored for it.`);
    return false;
  }
  const host = hostOf(apiUrl);
  const custom = apiUrl !== SLACK_API_URL;
  const token = await ui.input({
    title: `Slack bot token for ${host}`,
    prompt: custom
      ? `youops.yaml sets the Slack API to ${host}, not slack.com: the token will only be sent there. Stored in VS Code's secret storage.`
      : "The bot's token (xoxb-…), stored in VS Code's secret storage and sent only to slack.com.",
    placeHolder: 'xoxb-…',
    password: true,
    validate: (v) => (v.trim() && !/\s/.test(v.trim()) ? undefined : 'A token is one word without spaces'),
  });
  if (!token?.trim()) return false;
  await secrets.setTransportSecret('slack', 'slack', token.trim(), apiUrl);
  void ui.notify('info', `YouOps: Slack bot token stored for ${host}.`);
  return true;
}

export async function clearSlackToken({ ui, secrets }: SecretCommandDeps): Promise<void> {
  await secrets.deleteTransportSecret('slack', 'slack');
  void ui.notify('info', 'YouOps: Slack bot token removed.');
}

export async function setWebhookUrl(deps: SecretCommandDeps, name?: string): Promise<boolean> {
  const { ui, secrets } = deps;
  const secretName = name ?? (await pickWebhookName(deps));
  if (!secretName) return false;
  const url = await ui.input({
    title: `Webhook URL for "${secretName}"`,
    prompt: "The incoming-webhook URL (it is a secret): stored in VS Code's secret storage, never in settings or logs.",
    placeHolder: 'https://hooks.slack.com/services/…',
    password: true,
    validate: (v) => (isAcceptableEndpoint(v.trim()) ? undefined : 'An https:// URL (http only for localhost)'),
  });
  if (!url?.trim()) return false;
  await secrets.setTransportSecret('webhook', secretName, url.trim(), url.trim());
  void ui.notify('info', `YouOps: webhook URL "${secretName}" stored for ${hostOf(url.trim())}.`);
  return true;
}

export async function clearWebhookUrl(deps: SecretCommandDeps, name?: string): Promise<void> {
  const secretName = name ?? (await pickWebhookName(deps));
  if (!secretName) return;
  await deps.secrets.deleteTransportSecret('webhook', secretName);
  void deps.ui.notify('info', `YouOps: webhook URL "${secretName}" removed.`);
}

/**
 * The token of the bot behind the http transport (hubot-youops: HUBOT_YOUOPS_TOKEN), stored per
 * host of chatops.transports.http.url and sent only there, as `Authorization: Bearer`.
 * Running it again replaces the stored token.
 */
export async function setBotToken({ store, ui, secrets }: SecretCommandDeps): Promise<boolean> {
  const url = botUrl(store);
  if (!url) {
    void ui.notify('error', 'youops.yaml has no chatops.transports.http url: the bot token is stored for the host of that URL.');
    return false;
  }
  if (!isAcceptableEndpoint(url)) {
    void ui.notify('error', `chatops.transports.http.url (${hostOf(url)}) must use https (http only on this machine); the token is not stored for it.`);
    return false;
  }
  const host = hostOf(url);
  const replacing = await secrets.hasTransportSecret('http', url);
  const token = await ui.input({
    title: `${replacing ? 'Replace the bot token' : 'Bot token'} for ${host}`,
    prompt: `The token the bot expects (hubot-youops: HUBOT_YOUOPS_TOKEN), stored in VS Code's secret storage and sent only to ${host}.${replacing ? ' It replaces the token stored now.' : ''}`,
    password: true,
    validate: (v) => (v.trim() && !/\s/.test(v.trim()) ? undefined : 'A token is one word without spaces'),
  });
  if (!token?.trim()) return false;
  await secrets.setTransportSecret('http', url, token.trim(), url);
  void ui.notify('info', `YouOps: bot token ${replacing ? 'replaced' : 'stored'} for ${host}.`);
  return true;
}

export async function clearBotToken({ store, ui, secrets }: SecretCommandDeps): Promise<void> {
  const url = botUrl(store);
  if (!url || !(await secrets.hasTransportSecret('http', url))) {
    void ui.notify('info', `YouOps: no bot token is stored${url ? ` for ${hostOf(url)}` : ''}.`);
    return;
  }
  await secrets.deleteTransportSecret('http', url);
  void ui.notify('info', `YouOps: bot token for ${hostOf(url)} removed; commands now go to the bot without one.`);
}

/** chatops.transports.http.url, when youops.yaml has a usable one. */
function botUrl(store: WorkspaceStore): string | undefined {
  const s = store.state.kind === 'ready' ? transportSettings(store.state.config.chatops.transports, 'http') : undefined;
  if (s?.kind !== 'http') return undefined;
  try {
    hostOf(s.url);
    return s.url;
  } catch {
    return undefined;
  }
}

function slackApiUrl(store: WorkspaceStore): string {
  const s = store.state.kind === 'ready' ? transportSettings(store.state.config.chatops.transports, 'slack') : undefined;
  return s?.kind === 'slack' ? s.apiUrl : SLACK_API_URL;
}

/** The name youops.yaml gives (url-secret), or one typed when the config has none. */
async function pickWebhookName({ store, ui }: SecretCommandDeps): Promise<string | undefined> {
  const s = store.state.kind === 'ready' ? transportSettings(store.state.config.chatops.transports, 'webhook') : undefined;
  if (s?.kind === 'webhook') return s.secretName;
  return ui.input({
    title: 'Name of the webhook secret',
    prompt: 'The name youops.yaml refers to as chatops.transports.webhook.url-secret',
    validate: (v) => (/^[\w.-]+$/.test(v) ? undefined : 'Letters, digits, _ . -'),
  });
}
