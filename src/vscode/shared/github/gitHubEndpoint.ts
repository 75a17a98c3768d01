import * as vscode from 'vscode';
import { webHostOfApiUrl } from '../../../core/github/repoRef';

export type GitHubProviderId = 'github' | 'github-enterprise';

export interface GitHubEndpoint {
  providerId: GitHubProviderId;
  /** REST API base URL. */
  baseUrl: string;
  /** Web host the repositories live on (to match Git remotes). */
  host: string;
  /** True for a loopback API (tests, local proxies): the only place a test session is honoured. */
  loopback: boolean;
}

/**
 * Which GitHub to talk to and which built-in auth provider signs in to it:
 * github.com by default, GitHub Enterprise Server when `youops.github.enterpriseUrl`
 * is set. `youops.github.apiUrl` overrides only the API base URL (tests, proxies);
 * both are application-scoped so a workspace cannot redirect the user's token.
 */
export function githubEndpoint(): GitHubEndpoint {
  const cfg = vscode.workspace.getConfiguration('youops.github');
  const enterprise = (cfg.get<string>('enterpriseUrl') ?? '').trim().replace(/\/+$/, '');
  const override = (cfg.get<string>('apiUrl') ?? '').trim().replace(/\/+$/, '');
  const baseUrl = override || enterprise || 'https://api.github.com';
  return {
    providerId: enterprise ? 'github-enterprise' : 'github',
    baseUrl,
    host: webHostOfApiUrl(baseUrl) ?? 'github.com',
    loopback: isLoopback(baseUrl),
  };
}

export function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
  } catch {
    return false;
  }
}
