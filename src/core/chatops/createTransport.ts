import { ChatOpsError } from './chatOpsError';
import { transportSettings, type TransportSettingsOf } from './transportSettings';
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
  /** The transport's stored secret for `target` (a URL its host is bound to, or a name); throws ChatOpsError('no-secret'). */
  secret(kind: TransportKind, target: string): Promise<string>;
  /** The issue or pull request to comment on, through the GitHub sign-in. */
  githubComments(issue: number | undefined): Promise<{ port: GitHubCommentPort; issue: number }>;
}

type Factory<K extends TransportKind> = (settings: TransportSettingsOf<K>, ctx: TransportContext) => Promise<CreatedTransport>;

/** One factory per transport kind: a kind without one does not compile. */
const FACTORIES: { [K in TransportKind]: Factory<K> } = {
  slack: async (s, ctx) => ({
    transport: new SlackTransport({ apiUrl: s.apiUrl, token: await ctx.secret('slack', s.apiUrl), channel: s.channel, timeoutMs: ctx.timeoutMs, pollMs: s.pollSeconds * 1000, bot: s.bot }),
    followMs: ctx.followMs(s.followSeconds),
  }),
  webhook: async (s, ctx) => ({ transport: new WebhookTransport(await ctx.secret('webhook', s.secretName), s.format, s.secretName, ctx.timeoutMs), followMs: 0 }),
  http: async (s, ctx) => ({ transport: new HttpTransport(s.url, ctx.user, ctx.timeoutMs), followMs: 0 }),
  github: async (s, ctx) => {
    const { port, issue } = await ctx.githubComments(s.issue);
    return { transport: new GitHubTransport(port, issue, undefined, s.bot), followMs: ctx.followMs(300) };
  },
};

/** Builds the transport youops.yaml names, with its secret. */
export function createTransport(transports: ChatOpsTransportConfig, via: string, ctx: TransportContext): Promise<CreatedTransport> {
  const settings = transportSettings(transports, via);
  if (!settings) return Promise.reject(new ChatOpsError('unsupported', `youops.yaml has no chatops.transports.${via} entry`));
  return (FACTORIES[settings.kind] as Factory<TransportKind>)(settings as TransportSettingsOf<TransportKind>, ctx);
}
