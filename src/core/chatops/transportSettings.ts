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
  secret?: TransportSecret & { target(settings: Settings): string };
}

/** How a transport's secret is named, stored and looked up (VS Code keeps it in SecretStorage). */
export interface TransportSecret {
  label: string;
  /** The command that stores it, and its title (the "set the secret" fix). */
  title: string;
  command: string;
  /**
   * What the target names: `one` secret for the transport, bound to the host it was entered for
   * (a new host needs the person's yes); one per `host` of the target URL; or one per `name`.
   */
  scope: 'one' | 'host' | 'name';
  /** Where the value goes: to the target URL's host, or the value is itself the URL (a webhook). */
  sentTo: 'target' | 'value';
  /** The transport also works without it (a bot that accepts requests from its own machine only). */
  optional?: boolean;
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
    secret: { label: 'Slack bot token', title: 'Set Slack Bot Token', command: 'youops.chatops.setSlackToken', scope: 'one', sentTo: 'target', target: (s) => s.apiUrl },
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
    secret: { label: 'webhook URL', title: 'Set Chat Webhook URL', command: 'youops.chatops.setWebhookUrl', scope: 'name', sentTo: 'value', target: (s) => s.secretName },
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
    // hubot-youops: HUBOT_YOUOPS_TOKEN. Without one stored, requests go without it (a bot that serves its own machine only).
    secret: { label: 'bot token', title: 'Set HTTP Bot Token', command: 'youops.chatops.setBotToken', scope: 'host', sentTo: 'target', optional: true, target: (s) => s.url },
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

/** The transport's own secret (what it is called, the button and command that store it, how it is looked up), if it has one. */
export function transportSecret(kind: TransportKind): TransportSecret | undefined {
  const s = (TRANSPORTS[kind] as TransportDescriptor<unknown>).secret;
  return s && { label: s.label, title: s.title, command: s.command, scope: s.scope, sentTo: s.sentTo, ...(s.optional ? { optional: true } : {}) };
}

/** What a transport's secret is looked up by in these settings (the URL it goes to, or its name); undefined without one. */
export function transportSecretTarget(settings: TransportSettings): string | undefined {
  return (TRANSPORTS[settings.kind] as TransportDescriptor<TransportSettings>).secret?.target(settings);
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
      properties: Object.fromEntries(TRANSPORT_KINDS.map((k) => [k, withSecretNote(k, TRANSPORTS[k].schema)])),
    },
    via: { enum: [...TRANSPORT_KINDS] },
  };
}

/** The schema says where the transport's secret lives: never in youops.yaml. */
function withSecretNote(kind: TransportKind, schema: SchemaFragment): SchemaFragment {
  const secret = transportSecret(kind);
  if (!secret) return schema;
  const scope = secret.scope === 'host' ? ', per host' : secret.scope === 'name' ? ', by that name' : '';
  const note = `Its ${secret.label}${secret.optional ? ' (optional)' : ''} is kept in VS Code's secret storage${scope}: "YouOps: ${secret.title}".`;
  return { description: note, ...schema };
}
