import * as vscode from 'vscode';
import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { checkBinding, hostOf, isAcceptableEndpoint, parseBoundSecret, serializeBoundSecret, type BoundSecret } from '../../core/chatops/secretBinding';
import type { ChatOpsPrompter } from './chatOpsPrompter';

const SLACK_KEY = 'youops.chatops.slack.token';
const webhookKey = (name: string) => `youops.chatops.webhook.${name}`;

/**
 * ChatOps secrets in VS Code's SecretStorage, each bound to the host it was entered for.
 * Values never leave this class except into a request to that host.
 */
export class ChatOpsSecrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly prompter: () => ChatOpsPrompter,
  ) {}

  async setSlackToken(token: string, apiUrl: string): Promise<void> {
    await this.storage.store(SLACK_KEY, serializeBoundSecret({ value: token, host: hostOf(apiUrl) }));
  }

  async hasSlackToken(): Promise<boolean> {
    return !!parseBoundSecret(await this.storage.get(SLACK_KEY));
  }

  clearSlackToken(): Thenable<void> {
    return this.storage.delete(SLACK_KEY);
  }

  /** The token for a request to `apiUrl`; a host other than the bound one needs the user's yes. */
  async slackTokenFor(apiUrl: string): Promise<string> {
    const secret = parseBoundSecret(await this.storage.get(SLACK_KEY));
    if (!secret) throw new ChatOpsError('no-secret', 'no Slack bot token is stored: run "YouOps: Set Slack Bot Token"');
    return (await this.confirmHost(SLACK_KEY, secret, apiUrl, 'Slack bot token')).value;
  }

  async setWebhookUrl(name: string, url: string): Promise<void> {
    await this.storage.store(webhookKey(name), serializeBoundSecret({ value: url, host: hostOf(url) }));
  }

  clearWebhookUrl(name: string): Thenable<void> {
    return this.storage.delete(webhookKey(name));
  }

  async webhookUrl(name: string): Promise<string> {
    const secret = parseBoundSecret(await this.storage.get(webhookKey(name)));
    if (!secret) throw new ChatOpsError('no-secret', `no URL is stored for the webhook "${name}": run "YouOps: Set Chat Webhook URL"`);
    // The URL is the secret, so it carries its own host; the check guards against a tampered entry.
    return (await this.confirmHost(webhookKey(name), secret, secret.value, `webhook "${name}"`)).value;
  }

  private async confirmHost(key: string, secret: BoundSecret, targetUrl: string, label: string): Promise<BoundSecret> {
    if (!isAcceptableEndpoint(targetUrl)) {
      throw new ChatOpsError('secret-host', `refusing to send the ${label} over plain HTTP to ${safeHost(targetUrl)}: use https`);
    }
    const check = checkBinding(secret, targetUrl);
    if (check.ok) return secret;
    const yes = await this.prompter().confirm(
      `Send the ${label} to ${check.targetHost}?`,
      `It was stored for ${check.boundHost}, but youops.yaml now points at ${check.targetHost}. A config from a repository must not redirect your secrets; continue only if you changed this yourself. YouOps will then remember ${check.targetHost} for this secret.`,
      `Use with ${check.targetHost}`,
    );
    if (!yes) throw new ChatOpsError('secret-host', `the ${label} is bound to ${check.boundHost}; nothing was sent to ${check.targetHost}`);
    const rebound = { value: secret.value, host: check.targetHost };
    await this.storage.store(key, serializeBoundSecret(rebound));
    return rebound;
  }
}

function safeHost(url: string): string {
  try {
    return hostOf(url);
  } catch {
    return 'an invalid URL';
  }
}
