import type { SchemaFragment } from '../config/liveSources';
import type { ChatOpsTransportConfig } from '../config/types';
import { BRANCH_DEPLOY_BOT } from './branchDeploy';
import { SLACK_API_URL } from './transports/slackWebApi';
import type { TransportKind } from './transports/transport';
import { WEBHOOK_FORMATS, type WebhookFormat } from './transports/webhookTransport';

interface TransportDescriptor<Settings> {
  /** The schema of `chatops.transports.<kind>`. */
  schema: SchemaFragment;
  /** The shape-checked entry → settings with defaults filled in. */
  parse(entry: Record<string, unknown>): Settings;
  /**
   * The secret the transport sends, if it has one of its own: what it is called, the command
   * that stores it, and what it is looked up by (a URL whose host it is bound to, or a name).
   */
  secret?: { label: string; title: string; command: string; target(settings: Settings): string };
}

const transport = <Settings>(d: TransportDescriptor<Settings>) => d;

/**
 * Every ChatOps transport in one table: its schema, its settings and its secret. The shipped
 * schema (`npm run generate:config-schema`), `via:`'s choices, the factory (chatops/createTransport,
 * exhaustive over TransportKind) and the "set the secret" fix derive from it. A new transport is
 * its class, an entry here, its factory entry and the regenerated schema.
 */
export const TRANSPORTS = {
  slack: transport({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['channel'],
      properties: {
        channel: { type: 'string', description: 'Channel name (#deploys) or ID.' },
        apiUrl: { type: 'string', format: 'uri', description: 'Slack Web API base URL.' },
        followSeconds: { type: 'integer', minimum: 0, default: 120, description: "How long to follow the bot's replies in the thread." },
        pollSeconds: { type: 'number', minimum: 0.1, default: 2, description: 'Seconds between two reads of the thread while following replies.' },
        bot: { type: 'string', minLength: 1, description: "User id (U…) or bot id (B…) of the bot that answers; only its replies are followed. Default: any bot but YouOps' own token." },
      },
    },
    parse: (t) => ({
      kind: 'slack' as const,
      channel: String(t.channel),
      apiUrl: typeof t.apiUrl === 'string' ? t.apiUrl : SLACK_API_URL,
      followSeconds: typeof t.followSeconds === 'number' ? t.followSeconds : 120,
      pollSeconds: typeof t.pollSeconds === 'number' ? t.pollSeconds : 2,
      ...(typeof t.bot === 'string' && t.bot ? { bot: t.bot } : {}),
    }) as { kind: 'slack'; channel: string; apiUrl: string; followSeconds: number; pollSeconds: number; bot?: string },
    secret: { label: 'Slack bot token', title: 'Set Slack Bot Token', command: 'youops.chatops.setSlackToken', target: (s) => s.apiUrl },
  }),
  webhook: transport({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['url-secret'],
      properties: {
        'url-secret': { type: 'string', description: 'Name of the stored secret that holds the webhook URL.' },
        format: { enum: [...WEBHOOK_FORMATS], default: 'slack' },
      },
    },
    parse: (t) => ({ kind: 'webhook' as const, secretName: String(t['url-secret']), format: (t.format as WebhookFormat | undefined) ?? 'slack' }),
    secret: { label: 'webhook URL', title: 'Set Webhook URL', command: 'youops.chatops.setWebhookUrl', target: (s) => s.secretName },
  }),
  github: transport({
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        issue: { type: 'integer', minimum: 1, description: "Issue or PR to comment on. Default: the current branch's pull request." },
        bot: {
          type: 'string',
          minLength: 1,
          default: BRANCH_DEPLOY_BOT,
          description: 'Login of the bot that answers (branch-deploy in GitHub Actions: github-actions[bot]); only its comments are followed.',
        },
      },
    },
    parse: (t) => ({ kind: 'github' as const, issue: typeof t.issue === 'number' ? t.issue : undefined, bot: typeof t.bot === 'string' && t.bot ? t.bot : BRANCH_DEPLOY_BOT }),
  }),
  http: transport({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', format: 'uri', description: 'Bot endpoint (e.g. a Hubot with the hubot-youops script) that answers in the response; https://, or http:// only on this machine.' },
      },
    },
    parse: (t) => ({ kind: 'http' as const, url: String(t.url) }),
  }),
} satisfies Record<TransportKind, { schema: SchemaFragment }>;

/** One transport's settings from youops.yaml, with defaults filled in. */
export type TransportSettings = { [K in TransportKind]: ReturnType<(typeof TRANSPORTS)[K]['parse']> }[TransportKind];

export type TransportSettingsOf<K extends TransportKind> = Extract<TransportSettings, { kind: K }>;

export const TRANSPORT_KINDS = Object.keys(TRANSPORTS) as TransportKind[];

export function isTransportKind(kind: string): kind is TransportKind {
  return Object.hasOwn(TRANSPORTS, kind);
}

/** Undefined when youops.yaml has no entry for `kind` (the schema has checked the shapes). */
export function transportSettings(transports: ChatOpsTransportConfig, kind: string): TransportSettings | undefined {
  const t = transports[kind] as Record<string, unknown> | undefined;
  if (!t || !isTransportKind(kind)) return undefined;
  return TRANSPORTS[kind].parse(t);
}

/** The transport's own secret (what it is called, the button and command that store it), if it has one. */
export function transportSecret(kind: TransportKind): { label: string; title: string; command: string } | undefined {
  const s = (TRANSPORTS[kind] as TransportDescriptor<unknown>).secret;
  return s && { label: s.label, title: s.title, command: s.command };
}

/** Transports youops.yaml configures, in a stable order. */
export function configuredTransports(transports: ChatOpsTransportConfig): TransportKind[] {
  return TRANSPORT_KINDS.filter((k) => k in transports);
}

/** The `chatops.transports` schema and the kinds `via:` may name. */
export function transportsSchema(): { transports: SchemaFragment; via: SchemaFragment } {
  return {
    transports: {
      type: 'object',
      description: "Where commands go. Secrets (tokens, webhook URLs) live in VS Code's SecretStorage, never here.",
      additionalProperties: false,
      properties: Object.fromEntries(TRANSPORT_KINDS.map((k) => [k, TRANSPORTS[k].schema])),
    },
    via: { enum: [...TRANSPORT_KINDS] },
  };
}
