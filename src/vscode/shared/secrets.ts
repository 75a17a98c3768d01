import type * as vscode from 'vscode';
import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { checkBinding, hostOf, isAcceptableEndpoint, parseBoundSecret, serializeBoundSecret, type BoundSecret } from '../../core/chatops/secretBinding';
import { transportSecret } from '../../core/chatops/transportSettings';
import type { TransportKind } from '../../core/chatops/transports/transport';
import type { SecretLookup } from '../../core/live/createProvider';
import type { Ui } from './ui/uiSeam';

/** A transport's SecretStorage key, as its table entry scopes it: one secret, one per host of the target, or one per name. */
function transportKey(kind: TransportKind, target: string): string {
  const scope = transportSecret(kind)?.scope;
  if (scope === 'one') return `youops.chatops.${kind}.token`;
  if (scope === 'host') return `youops.chatops.${kind}.token:${hostOf(target)}`;
  return `youops.chatops.${kind}.${target}`;
}

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
 * bound to its host: an Argo CD token per server, a bot token per endpoint host; the Slack
 * token and webhook URLs carry the host they were entered for, and a new host needs the
 * person's yes. Values leave this class only into a request to that host.
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

  /**
   * A transport's secret for `target` (the Slack token for a request to that API URL, a bot's
   * token for its endpoint, a webhook's URL by its name), as the transport table describes it.
   * Undefined only for an optional secret that is not stored.
   */
  async transportSecret(kind: TransportKind, target: string): Promise<string | undefined> {
    const spec = transportSecret(kind);
    if (!spec) throw new ChatOpsError('unsupported', `the ${kind} transport has no secret of its own`);
    const key = transportKey(kind, target);
    const secret = parseBoundSecret(await this.storage.get(key));
    const label = spec.scope === 'name' ? `${spec.label} "${target}"` : spec.scope === 'host' ? `${spec.label} for ${safeHost(target)}` : spec.label;
    if (!secret) {
      if (spec.optional) return undefined;
      throw new ChatOpsError('no-secret', `no ${label} is stored: run "YouOps: ${spec.title}"`);
    }
    // A URL that is the secret carries its own host; the check guards against a tampered entry.
    return (await this.confirmHost(key, secret, spec.sentTo === 'value' ? secret.value : target, label)).value;
  }

  /** Whether a secret is stored for `target` (without reading it out). */
  async hasTransportSecret(kind: TransportKind, target: string): Promise<boolean> {
    return parseBoundSecret(await this.storage.get(transportKey(kind, target))) !== undefined;
  }

  /** Stores a transport's secret for `target` (see transportSecret), bound to the host of `url`. */
  async setTransportSecret(kind: TransportKind, target: string, value: string, url: string): Promise<void> {
    await this.storage.store(transportKey(kind, target), serializeBoundSecret({ value, host: hostOf(url) }));
  }

  async deleteTransportSecret(kind: TransportKind, target: string): Promise<void> {
    await this.storage.delete(transportKey(kind, target));
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
