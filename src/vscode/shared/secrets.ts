import type * as vscode from 'vscode';
import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { checkBinding, hostOf, isAcceptableEndpoint, parseBoundSecret, serializeBoundSecret, type BoundSecret } from '../../core/chatops/secretBinding';
import type { TransportKind } from '../../core/chatops/transports/transport';
import type { SecretLookup } from '../../core/live/createProvider';
import type { Ui } from './ui/uiSeam';

const SLACK_KEY = 'youops.chatops.slack.token';
const webhookKey = (name: string) => `youops.chatops.webhook.${name}`;
const transportKey = (kind: 'slack' | 'webhook', name: string) => (kind === 'slack' ? SLACK_KEY : webhookKey(name));
const argocdKey = (server: string) => `youops.argocd.token:${normalizeServer(server)}`;

/** `https://argocd.example.com/anything` → `https://argocd.example.com`: one Argo CD token per server. */
export function normalizeServer(server: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `https://${server}`;
  try {
    const u = new URL(withScheme);
    return `${u.protocol}//${u.host}`;
  } catch {
    return server;
  }
}

/**
 * Every secret YouOps keeps, in VS Code's SecretStorage, looked up by the kind that sends it
 * and the host it goes to. A youops.yaml from the repository chooses URLs, so each secret is
 * bound to its host: an Argo CD token per server; the Slack token and webhook URLs carry the
 * host they were entered for, and a new host needs the person's yes. Values leave this class
 * only into a request to that host.
 */
export class Secrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly ui: Ui,
  ) {}

  /** For live sources (core): the Argo CD token of a server; other kinds send none. */
  readonly lookup: SecretLookup = async (kind, host) => (kind === 'argocd' ? this.storage.get(argocdKey(host)) : undefined);

  async setArgocdToken(server: string, token: string | undefined): Promise<void> {
    await (token === undefined ? this.storage.delete(argocdKey(server)) : this.storage.store(argocdKey(server), token));
  }

  /** A transport's secret for `target`: the Slack token for a request to that API URL, a webhook's URL by its name. */
  async transportSecret(kind: TransportKind, target: string): Promise<string> {
    if (kind === 'slack') {
      const secret = parseBoundSecret(await this.storage.get(SLACK_KEY));
      if (!secret) throw new ChatOpsError('no-secret', 'no Slack bot token is stored: run "YouOps: Set Slack Bot Token"');
      return (await this.confirmHost(SLACK_KEY, secret, target, 'Slack bot token')).value;
    }
    if (kind === 'webhook') {
      const secret = parseBoundSecret(await this.storage.get(webhookKey(target)));
      if (!secret) throw new ChatOpsError('no-secret', `no URL is stored for the webhook "${target}": run "YouOps: Set Chat Webhook URL"`);
      // The URL is the secret, so it carries its own host; the check guards against a tampered entry.
      return (await this.confirmHost(webhookKey(target), secret, secret.value, `webhook "${target}"`)).value;
    }
    throw new ChatOpsError('unsupported', `the ${kind} transport has no secret of its own`);
  }

  /** Stores a transport's secret (the Slack token, or the webhook URL named `name`), bound to the host of `url`. */
  async setTransportSecret(kind: 'slack' | 'webhook', name: string, value: string, url: string): Promise<void> {
    await this.storage.store(transportKey(kind, name), serializeBoundSecret({ value, host: hostOf(url) }));
  }

  async deleteTransportSecret(kind: 'slack' | 'webhook', name: string): Promise<void> {
    await this.storage.delete(transportKey(kind, name));
  }

  private async confirmHost(key: string, secret: BoundSecret, targetUrl: string, label: string): Promise<BoundSecret> {
    if (!isAcceptableEndpoint(targetUrl)) {
      throw new ChatOpsError('secret-host', `refusing to send the ${label} over plain HTTP to ${safeHost(targetUrl)}: use https`);
    }
    const check = checkBinding(secret, targetUrl);
    if (check.ok) return secret;
    const action = `Use with ${check.targetHost}`;
    const yes = await this.ui.confirm(
      `Send the ${label} to ${check.targetHost}?`,
      `It was stored for ${check.boundHost}, but youops.yaml now points at ${check.targetHost}. A config from a repository must not redirect your secrets; continue only if you changed this yourself. YouOps will then remember ${check.targetHost} for this secret.`,
      action,
    );
    if (yes !== action) throw new ChatOpsError('secret-host', `the ${label} is bound to ${check.boundHost}; nothing was sent to ${check.targetHost}`);
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
