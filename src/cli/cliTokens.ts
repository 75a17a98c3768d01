import { LiveStateError } from '../core/live/provider';
import { apiBaseUrlForHost, type RepoRef } from '../core/github/repoRef';

/** The argocd CLI's variables, so one export serves both tools. */
export const ARGOCD_TOKEN_ENV = 'ARGOCD_AUTH_TOKEN';
export const ARGOCD_SERVER_ENV = 'ARGOCD_SERVER';

/**
 * Where the CLI may send `$GITHUB_TOKEN`: github.com's API, or the explicitly set
 * `$GITHUB_API_URL` — never a host taken from the repository's `origin`, which a stranger's
 * repository controls. `refused` says why no pull request is opened with the token.
 */
export function githubApiForToken(repo: RepoRef, env: NodeJS.ProcessEnv): { baseUrl: string } | { refused: string } {
  const explicit = env.GITHUB_API_URL?.trim();
  if (explicit) return { baseUrl: explicit }; // the user's choice, e.g. GitHub Enterprise or a proxy
  if (repo.host === 'github.com') return { baseUrl: apiBaseUrlForHost(repo.host) };
  return { refused: `origin is on ${repo.host}, not github.com; $GITHUB_TOKEN is only sent to github.com or to $GITHUB_API_URL: set GITHUB_API_URL=https://${repo.host}/api/v3 if that server should get it` };
}

/** True for localhost and 127.0.0.0/8, ::1: plain http there never leaves the machine. */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}

/** A bare host means https, as ArgoCdProvider reads it. */
function withScheme(server: string): string {
  return /^https?:\/\//i.test(server.trim()) ? server.trim() : `https://${server.trim()}`;
}

/** `argocd.example.com:443`, `https://argocd.example.com/` … → `argocd.example.com` (default port dropped). */
function serverHost(server: string): string | undefined {
  try {
    return new URL(withScheme(server)).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * `$ARGOCD_AUTH_TOKEN` for one configured Argo CD server: only over https (plain http only on
 * loopback), and — when `$ARGOCD_SERVER` pins it — only to that server. A refusal is a
 * LiveStateError, so the environment shows why instead of sending the token.
 */
export function argocdTokenFor(server: string, env: NodeJS.ProcessEnv): string | undefined {
  const token = env[ARGOCD_TOKEN_ENV] || undefined;
  if (!token) return undefined;
  const url = new URL(withScheme(server));
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new LiveStateError('argocd', `$${ARGOCD_TOKEN_ENV} is not sent over plain http to ${url.host}: use https://`);
  }
  const pinned = env[ARGOCD_SERVER_ENV]?.trim();
  if (pinned && serverHost(pinned) !== url.host.toLowerCase()) {
    throw new LiveStateError('argocd', `$${ARGOCD_TOKEN_ENV} is pinned to $${ARGOCD_SERVER_ENV} (${pinned}); youops.yaml names ${url.host}, so the token is not sent there`);
  }
  return token;
}
