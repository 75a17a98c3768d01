import * as vscode from 'vscode';
import { Failure } from '../commands/failure';
import { Disposable } from '../disposable';
import { githubEndpoint, type GitHubEndpoint } from './gitHubEndpoint';

/** The OAuth scope IssueOps needs: read and write issues and comments, also in private repositories. */
export const GITHUB_SCOPES = ['repo'];

/**
 * Environment variable a test harness may set to supply a fake session. It is
 * honoured only while the API URL is a loopback address, so it can never carry
 * a token to github.com or to an Enterprise server; the real path always goes
 * through VS Code's built-in `github` / `github-enterprise` providers.
 */
export const TEST_TOKEN_ENV = 'YOUOPS_TEST_GITHUB_TOKEN';

export interface GitHubSession {
  accessToken: string;
  account: string;
  endpoint: GitHubEndpoint;
}

export type SessionMode =
  /** Never shows UI: views refreshing in the background. */
  | 'silent'
  /** Asks the person to sign in if needed: they just asked for something that needs GitHub. */
  | 'prompt'
  /** The stored session was rejected (expired, revoked): ask for a new one. */
  | 'reauth';

/** Sessions from VS Code's built-in GitHub authentication; tokens stay in VS Code's secret storage. */
export class GitHubAuth extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** A session or the GitHub settings changed: cached clients and loaded data are stale. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === githubEndpoint().providerId) this.changed.fire();
      }),
    );
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('youops.github') && this.changed.fire()));
  }

  async session(mode: SessionMode): Promise<GitHubSession | undefined> {
    const endpoint = githubEndpoint();
    const testToken = process.env[TEST_TOKEN_ENV];
    if (testToken && endpoint.loopback) return { accessToken: testToken, account: 'test session', endpoint };
    const options: vscode.AuthenticationGetSessionOptions =
      mode === 'silent'
        ? { silent: true }
        : mode === 'prompt'
          ? { createIfNone: true }
          : {
              forceNewSession: {
                detail: 'GitHub rejected the saved sign-in (it expired or was revoked). Sign in again to continue; nothing you entered is lost.',
              },
            };
    let s: vscode.AuthenticationSession | undefined;
    try {
      s = await vscode.authentication.getSession(endpoint.providerId, GITHUB_SCOPES, options);
    } catch (err) {
      // VS Code rejects with its own words ("User did not consent to login.", "Cancelled"): say what happened in ours.
      if (mode === 'silent') throw err;
      const reason = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
      const what = /consent|cancel/i.test(reason) ? 'was cancelled' : `did not complete (${reason})`;
      // Cancelling the new sign-in after a rejected one leaves the rejected session: its fix is still "Sign in again".
      if (mode === 'reauth') throw new Failure('sessionRejected', `The new GitHub sign-in ${what}; GitHub still rejects the saved one.`);
      throw new Failure('signInCancelled', `The GitHub sign-in ${what}.`);
    }
    return s ? { accessToken: s.accessToken, account: s.account.label, endpoint } : undefined;
  }
}
