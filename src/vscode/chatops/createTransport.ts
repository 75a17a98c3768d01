import * as vscode from 'vscode';
import { ChatOpsError } from '../../core/chatops/chatOpsError';
import { transportSettings } from '../../core/chatops/transportSettings';
import { GitHubTransport } from '../../core/chatops/transports/githubTransport';
import { HttpTransport } from '../../core/chatops/transports/httpTransport';
import { SlackTransport } from '../../core/chatops/transports/slackTransport';
import type { ChatTransport } from '../../core/chatops/transports/transport';
import { WebhookTransport } from '../../core/chatops/transports/webhookTransport';
import type { YouOpsConfig } from '../../core/config/types';
import type { ChatOpsSecrets } from './chatOpsSecrets';
import { githubCommentPort } from './githubCommentAdapter';

export interface CreatedTransport {
  transport: ChatTransport;
  /** How long to follow replies, in ms (0 when the transport answers in the response). */
  followMs: number;
}

/** Builds the transport youops.yaml names, with its secret; asks before a secret goes to a new host. */
export async function createTransport(config: YouOpsConfig, via: string, secrets: ChatOpsSecrets, user: string, rootDir: string): Promise<CreatedTransport> {
  const chatops = config.chatops;
  const settings = transportSettings(chatops.transports, via);
  if (!settings) throw new ChatOpsError('unsupported', `youops.yaml has no chatops.transports.${via} entry`);
  const cfg = vscode.workspace.getConfiguration('youops.chatops');
  const timeoutMs = Math.max(1, cfg.get<number>('requestTimeoutSeconds', 30)) * 1000;
  const followOverride = cfg.get<number>('followSeconds', -1);
  const follow = (fromConfig: number) => (followOverride >= 0 ? followOverride : fromConfig) * 1000;
  switch (settings.kind) {
    case 'slack': {
      const token = await secrets.slackTokenFor(settings.apiUrl);
      return {
        transport: new SlackTransport({ apiUrl: settings.apiUrl, token, channel: settings.channel, timeoutMs, pollMs: settings.pollSeconds * 1000, bot: settings.bot }),
        followMs: follow(settings.followSeconds),
      };
    }
    case 'webhook':
      return { transport: new WebhookTransport(await secrets.webhookUrl(settings.secretName), settings.format, settings.secretName, timeoutMs), followMs: 0 };
    case 'http':
      return { transport: new HttpTransport(settings.url, user, timeoutMs), followMs: 0 };
    case 'github': {
      const { port, issue } = await githubCommentPort(config, rootDir, settings.issue);
      return { transport: new GitHubTransport(port, issue, undefined, settings.bot), followMs: follow(300) };
    }
  }
}
