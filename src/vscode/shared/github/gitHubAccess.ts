import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { GitHubClient } from '../../../core/github/githubClient';
import { parseRepo, type RepoRef } from '../../../core/github/repoRef';
import { remoteRepo } from '../../../core/github/remoteRepo';
import { Failure, notReady, UNTRUSTED_MESSAGE } from '../commands/failure';
import { Disposable } from '../disposable';
import type { WorkspaceStore } from '../store/workspaceStore';
import { GitHubAuth, type SessionMode } from './gitHubAuth';
import { githubEndpoint } from './gitHubEndpoint';

export interface Connected {
  client: GitHubClient;
  repo: RepoRef;
  account: string;
}

/**
 * The one way YouOps reaches GitHub — tickets, comment commands and pull requests alike:
 * one sign-in (VS Code's github / github-enterprise provider), one client per token and
 * server (so its ETag cache lasts), one answer to "which repository" and one rule for where
 * a token may go: only to the configured API, for repositories on its host.
 */
export class GitHubAccess extends Disposable {
  private readonly auth = this._register(new GitHubAuth());
  /** A session or the GitHub settings changed. */
  readonly onDidChange = this.auth.onDidChange;
  private cached: { key: string; client: GitHubClient } | undefined;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(this.auth.onDidChange(() => (this.cached = undefined)));
  }

  /** True when a token for the configured API may be used for a repository on `host` (loopback APIs serve any: tests, proxies). */
  sendsTokenTo(host: string): boolean {
    const endpoint = githubEndpoint();
    return host === endpoint.host || endpoint.loopback;
  }

  /** The workspace's repository: issueops.github.repo in youops.yaml, else the origin remote. */
  async repo(): Promise<RepoRef> {
    const state = this.store.state;
    if (state.kind !== 'ready') throw notReady(state.kind);
    const host = githubEndpoint().host;
    const configured = state.config.issueops.repo;
    if (configured) {
      const r = parseRepo(configured, host);
      if (!r) throw new Failure('noRepo', `issueops.github.repo in youops.yaml should be owner/name, not "${configured}".`);
      return { ...r, host };
    }
    const detected = await remoteRepo(state.rootDir);
    if (!detected) throw new Failure('noRepo', 'No GitHub repository: set issueops.github.repo in youops.yaml, or add an origin remote on GitHub.');
    if (!this.sendsTokenTo(detected.host)) {
      throw new Failure(
        'hostMismatch',
        `The origin remote is on ${detected.host}, but YouOps talks to ${host}. Set youops.github.enterpriseUrl to https://${detected.host}/api/v3 for GitHub Enterprise Server.`,
      );
    }
    return detected;
  }

  /**
   * Runs `fn` against GitHub for the workspace's repository. Refuses in an untrusted
   * workspace; `interactive` may ask to sign in, background work never does. A rejected
   * session surfaces as GitHubError('unauthorized'), whose fix is "Sign in again".
   */
  async run<T>(interactive: boolean, fn: (c: Connected) => Promise<T>): Promise<T> {
    return fn(await this.connect(interactive));
  }

  /**
   * The client and repository `run` works with, signed in first: flows that show progress for
   * the request itself connect before it, so a sign-in waiting on the browser is not "Creating…".
   */
  async connect(interactive: boolean): Promise<Connected> {
    if (!vscode.workspace.isTrusted) throw new Failure('untrusted', UNTRUSTED_MESSAGE);
    const repo = await this.repo();
    const connected = await this.client(interactive ? 'prompt' : 'silent');
    if (!connected) throw new Failure('signedOut', 'Sign in to GitHub to continue: YouOps uses your GitHub sign-in for tickets and comment commands.');
    return { ...connected, repo };
  }

  /** A client for the signed-in account, or undefined when nobody is signed in (and `silent`, or the person declined). */
  async client(mode: SessionMode): Promise<{ client: GitHubClient; account: string } | undefined> {
    const session = await this.auth.session(mode);
    if (!session) return undefined;
    const { baseUrl } = session.endpoint;
    const key = `${baseUrl}\0${createHash('sha256').update(session.accessToken).digest('hex')}`;
    if (this.cached?.key !== key) {
      this.cached = { key, client: new GitHubClient({ token: session.accessToken, baseUrl, userAgent: 'youops-vscode', log: (m) => this.log.info(m) }) };
      this.log.info(`GitHub API: ${baseUrl}`);
    }
    return { client: this.cached.client, account: session.account };
  }

  /** Asks the person to sign in; true when a session exists afterwards. */
  async signIn(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) throw new Failure('untrusted', UNTRUSTED_MESSAGE);
    return (await this.auth.session('prompt')) !== undefined;
  }

  /** Replaces a session GitHub rejected; false when the person gave up. */
  async signInAgain(): Promise<boolean> {
    this.cached = undefined;
    return (await this.auth.session('reauth')) !== undefined;
  }
}
