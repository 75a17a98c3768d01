import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { remoteRepo } from '../../core/github/remoteRepo';
import { GitHubClient } from '../../core/github/githubClient';
import { GitHubError } from '../../core/github/githubError';
import { parseRepo, type RepoRef } from '../../core/github/repoRef';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { GitHubAuth } from '../auth/githubAuth';
import { githubEndpoint } from '../auth/githubEndpoint';
import { IssueOpsError, UNTRUSTED_MESSAGE } from './issueOpsError';
import type { TicketPrompts } from './ticketPrompts';

export interface Connected {
  client: GitHubClient;
  repo: RepoRef;
  account: string;
}

/**
 * The way every IssueOps action reaches GitHub: refuses in untrusted workspaces,
 * finds the repository (youops.yaml, else the origin remote), gets a session
 * (asking to sign in only for interactive actions) and, when GitHub rejects
 * the token, offers to sign in again and retries once.
 */
export class GitHubConnection {
  private cached: { key: string; client: GitHubClient } | undefined;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly auth: GitHubAuth,
    private readonly log: vscode.LogOutputChannel,
    private readonly ui: () => TicketPrompts,
  ) {
    auth.onDidChange(() => (this.cached = undefined));
  }

  async repo(): Promise<RepoRef> {
    const state = this.store.state;
    if (state.kind !== 'ready') throw new IssueOpsError('noConfig', state.kind === 'invalid' ? 'Fix the errors in youops.yaml first.' : 'No youops.yaml in this workspace.');
    const host = githubEndpoint().host;
    const configured = state.config.issueops.repo;
    if (configured) {
      const r = parseRepo(configured, host);
      if (!r) throw new IssueOpsError('noRepo', `issueops.github.repo in youops.yaml should be owner/name, not "${configured}".`);
      return { ...r, host };
    }
    const detected = await remoteRepo(state.rootDir);
    if (!detected) throw new IssueOpsError('noRepo', 'No GitHub repository for tickets: set issueops.github.repo in youops.yaml, or add an origin remote on GitHub.');
    if (detected.host !== host && !host.startsWith('127.0.0.1') && host !== 'localhost') {
      throw new IssueOpsError('hostMismatch', `The origin remote is on ${detected.host}, but YouOps talks to ${host}. Set youops.github.enterpriseUrl to https://${detected.host}/api/v3 for GitHub Enterprise Server.`);
    }
    return detected;
  }

  /** Runs `fn` against GitHub; `interactive` actions may ask to sign in, background ones never do. */
  async run<T>(interactive: boolean, fn: (c: Connected) => Promise<T>): Promise<T> {
    if (!vscode.workspace.isTrusted) throw new IssueOpsError('untrusted', UNTRUSTED_MESSAGE);
    const repo = await this.repo();
    let session = await this.auth.session(interactive ? 'prompt' : 'silent');
    if (!session) throw new IssueOpsError('signedOut', 'Sign in to GitHub to use IssueOps tickets.');
    try {
      return await fn({ client: this.client(session.accessToken, session.endpoint.baseUrl), repo, account: session.account });
    } catch (err) {
      if (!(err instanceof GitHubError && err.kind === 'unauthorized') || !interactive) throw err;
      const choice = await this.ui().notify('warning', err.message, 'Sign in again');
      if (choice !== 'Sign in again') throw err;
      session = await this.auth.session('reauth');
      if (!session) throw err;
      this.cached = undefined;
      return fn({ client: this.client(session.accessToken, session.endpoint.baseUrl), repo, account: session.account });
    }
  }

  /** One client per token and server, so its ETag cache survives between refreshes. */
  private client(token: string, baseUrl: string): GitHubClient {
    const key = `${baseUrl}\0${createHash('sha256').update(token).digest('hex')}`;
    if (this.cached?.key !== key) {
      this.cached = { key, client: new GitHubClient({ token, baseUrl, userAgent: 'youops-vscode', log: (m) => this.log.info(m) }) };
      this.log.info(`GitHub API: ${baseUrl}`);
    }
    return this.cached.client;
  }
}
