import { ChatOpsError } from './chatOpsError';
import { transportSecretTarget, transportSettings, type TransportSettingsOf } from './transportSettings';
import type { ChatOpsTransportConfig } from '../config/types';
import type { GitHubCommentPort } from './transports/githubCommentPort';
import { GitHubTransport } from './transports/githubTransport';
import { HttpTransport } from './transports/httpTransport';
import { SlackTransport } from './transports/slackTransport';
import type { ChatTransport, TransportKind } from './transports/transport';
import { WebhookTransport } from './transports/webhookTransport';

export interface CreatedTransport {
  transport: ChatTransport;
  /** How long to follow replies, in ms (0 when the transport answers in the response). */
  followMs: number;
}

/** What building a transport needs from the surface that sends (VS Code here). */
export interface TransportContext {
  user: string;
  /** How long one request may take. */
  timeoutMs: number;
  /** Follow time in seconds from youops.yaml → what to use, in ms (a user setting may override it). */
  followMs(fromConfig: number): number;
  /**
   * The transport's stored secret for `target` (a URL its host is bound to, or a name); throws
   * ChatOpsError('no-secret') when none is stored, except for an optional one (undefined).
   */
  secret(kind: TransportKind, target: string): Promise<string | undefined>;
  /** The issue or pull request to comment on, through the GitHub sign-in. */
  githubComments(issue: number | undefined): Promise<{ port: GitHubCommentPort; issue: number }>;
}

/** `secret` looks up the transport's own secret by what its table entry names. */
type Factory<K extends TransportKind> = (settings: TransportSettingsOf<K>, ctx: TransportContext, secret: () => Promise<string | undefined>) => Promise<CreatedTransport>;

/** One factory per transport kind: a kind without one does not compile. */
const FACTORIES: { [K in TransportKind]: Factory<K> } = {
  slack: async (s, ctx, secret) => ({
    transport: new SlackTransport({ apiUrl: s.apiUrl, token: await required(secret()), channel: s.channel, timeoutMs: ctx.timeoutMs, pollMs: s.pollSeconds * 1000, bot: s.bot }),
    followMs: ctx.followMs(s.followSeconds),
  }),
  webhook: async (s, ctx, secret) => ({ transport: new WebhookTransport(await required(secret()), s.format, s.secretName, ctx.timeoutMs), followMs: 0 }),
  // The bot token is optional: a bot on this machine may take requests without one.
  http: async (s, ctx, secret) => ({ transport: new HttpTransport(s.url, ctx.user, ctx.timeoutMs, await secret()), followMs: 0 }),
  github: async (s, ctx) => {
    const { port, issue } = await ctx.githubComments(s.issue);
    return { transport: new GitHubTransport(port, issue, undefined, s.bot), followMs: ctx.followMs(300) };
  },
};

/** Builds the transport youops.yaml names, with its secret. */
export function createTransport(transports: ChatOpsTransportConfig, via: string, ctx: TransportContext): Promise<CreatedTransport> {
  const settings = transportSettings(transports, via);
  if (!settings) return Promise.reject(new ChatOpsError('unsupported', `youops.yaml has no chatops.transports.${via} entry`));
  const target = transportSecretTarget(settings);
  const secret = () => (target === undefined ? Promise.resolve(undefined) : ctx.secret(settings.kind, target));
  return (FACTORIES[settings.kind] as Factory<TransportKind>)(settings as TransportSettingsOf<TransportKind>, ctx, secret);
}

async function required(secret: Promise<string | undefined>): Promise<string> {
  const value = await secret;
  if (value === undefined) throw new ChatOpsError('no-secret', 'no secret is stored for this transport');
  return value;
}
