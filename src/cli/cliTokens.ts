import { LiveStateError } from '../core/live/provider';
import { GITHUB_COM, webHostOfApiUrl, type RepoRef } from '../core/github/repoRef';

/** The argocd CLI's variables, so one export serves both tools. */
export const ARGOCD_TOKEN_ENV = 'ARGOCD_AUTH_TOKEN';
export const ARGOCD_SERVER_ENV = 'ARGOCD_SERVER';

/** Where a command line may send `$GITHUB_TOKEN`, or why it may not. */
export type CliGitHubAccess = { ok: true; token: string; baseUrl: string; host: string } | { ok: false; reason: string };

/**
 * The CLI's GitHub token goes only to github.com, or to an explicitly set `$GITHUB_API_URL`
 * (GitHub Actions sets it, also on GitHub Enterprise Server; a user may point it at a proxy) —
 * never to a host taken from the repository (its `origin` remote or youops.yaml), which a
 * stranger's repository chooses. `repo` is the repository the command is about to use: one
 * outside github.com gets the token only through `$GITHUB_API_URL`.
 */
export function cliGitHubAccess(env: NodeJS.ProcessEnv, repo: RepoRef): CliGitHubAccess {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) return { ok: false, reason: 'set $GITHUB_TOKEN (a token that may create issues in the repository)' };
  const explicit = env.GITHUB_API_URL?.trim();
  const baseUrl = (explicit || 'https://api.github.com').replace(/\/+$/, '');
  const host = webHostOfApiUrl(baseUrl);
  if (!host) return { ok: false, reason: `$GITHUB_API_URL is not a URL: ${explicit}` };
  if (explicit && !isSafeApiUrl(baseUrl)) return { ok: false, reason: `$GITHUB_API_URL must be https:// (http only for localhost): ${explicit}` };
  // Ports differ between a remote (ssh) and the API (https); the server is the host name.
  if (!explicit && hostname(repo.host) !== GITHUB_COM) {
    return {
      ok: false,
      reason: `${repo.owner}/${repo.repo} is on ${repo.host}, but without $GITHUB_API_URL the token goes only to ${GITHUB_COM}: set $GITHUB_API_URL to that server's API (e.g. https://${repo.host}/api/v3) to send $GITHUB_TOKEN there`,
    };
  }
  return { ok: true, token, baseUrl, host };
}

/** The web host `owner/name` means: the explicit `$GITHUB_API_URL`'s server, else github.com. */
export function cliDefaultGitHubHost(env: NodeJS.ProcessEnv): string {
  const explicit = env.GITHUB_API_URL?.trim();
  return (explicit && webHostOfApiUrl(explicit)) || GITHUB_COM;
}

function hostname(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

function isSafeApiUrl(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
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
