import type { ChatOpsTransportConfig } from '../config/types';
import { BRANCH_DEPLOY_BOT } from './branchDeploy';
import { SLACK_API_URL } from './transports/slackWebApi';
import type { TransportKind } from './transports/transport';
import type { WebhookFormat } from './transports/webhookTransport';

/** One transport's settings from youops.yaml, with defaults filled in. */
export type TransportSettings =
  | { kind: 'slack'; channel: string; apiUrl: string; followSeconds: number; pollSeconds: number; bot?: string }
  | { kind: 'webhook'; secretName: string; format: WebhookFormat }
  | { kind: 'github'; issue?: number; bot: string }
  | { kind: 'http'; url: string };

export const TRANSPORT_KINDS: readonly TransportKind[] = ['slack', 'webhook', 'github', 'http'];

/** Undefined when youops.yaml has no entry for `kind` (the schema has checked the shapes). */
export function transportSettings(transports: ChatOpsTransportConfig, kind: string): TransportSettings | undefined {
  const t = transports[kind] as Record<string, unknown> | undefined;
  if (!t) return undefined;
  switch (kind) {
    case 'slack':
      return {
        kind,
        channel: String(t.channel),
        apiUrl: typeof t.apiUrl === 'string' ? t.apiUrl : SLACK_API_URL,
        followSeconds: typeof t.followSeconds === 'number' ? t.followSeconds : 120,
        pollSeconds: typeof t.pollSeconds === 'number' ? t.pollSeconds : 2,
        ...(typeof t.bot === 'string' && t.bot ? { bot: t.bot } : {}),
      };
    case 'webhook':
      return { kind, secretName: String(t['url-secret']), format: (t.format as WebhookFormat | undefined) ?? 'slack' };
    case 'github':
      return { kind, issue: typeof t.issue === 'number' ? t.issue : undefined, bot: typeof t.bot === 'string' && t.bot ? t.bot : BRANCH_DEPLOY_BOT };
    case 'http':
      return { kind, url: String(t.url) };
    default:
      return undefined;
  }
}

/** Transports youops.yaml configures, in a stable order. */
export function configuredTransports(transports: ChatOpsTransportConfig): TransportKind[] {
  return TRANSPORT_KINDS.filter((k) => k in transports);
}
