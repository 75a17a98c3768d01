import { GITHUB_COM, webHostOfApiUrl, type RepoRef } from './repoRef';

/** Where a command line may send `$GITHUB_TOKEN`, or why it may not. */
export type CliGitHubAccess = { ok: true; token: string; baseUrl: string; host: string } | { ok: false; reason: string };

/**
 * The CLI's GitHub token goes only to github.com, or to the host of an explicitly set
 * `$GITHUB_API_URL` (GitHub Actions sets it, also on GitHub Enterprise Server) — never to
 * a host taken from the repository (its `origin` remote or youops.yaml), which a stranger's
 * repository chooses. `repo` is the repository the command is about to use.
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
  if (hostname(repo.host) !== hostname(host)) {
    const hint = explicit ? `$GITHUB_API_URL points at ${host}` : `without $GITHUB_API_URL the token goes only to ${GITHUB_COM}`;
    return { ok: false, reason: `${repo.owner}/${repo.repo} is on ${repo.host}, but ${hint}: set $GITHUB_API_URL to that server's API (e.g. https://${repo.host}/api/v3) to send $GITHUB_TOKEN there` };
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
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}
