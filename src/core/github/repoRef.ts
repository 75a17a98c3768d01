/**
 * A GitHub repository and the host that serves it (github.com or a GitHub
 * Enterprise Server), parsed from `owner/name` or from a Git remote URL.
 */
export interface RepoRef {
  owner: string;
  repo: string;
  /** Web host, e.g. `github.com` or `github.example.com`. */
  host: string;
}

export const GITHUB_COM = 'github.com';

export function formatRepo(r: RepoRef): string {
  return `${r.owner}/${r.repo}`;
}

/** `owner/name`, `host/owner/name` or a full URL; undefined when it is none of these. */
export function parseRepo(text: string, defaultHost = GITHUB_COM): RepoRef | undefined {
  const t = text.trim();
  if (/^[\w.-]+\/[\w.-]+$/.test(t)) {
    const [owner, repo] = t.split('/');
    return { owner, repo: stripGit(repo), host: defaultHost };
  }
  return parseRemoteUrl(t) ?? (/^[\w.-]+\.[\w.-]+\/[\w.-]+\/[\w.-]+$/.test(t) ? parseRemoteUrl(`https://${t}`) : undefined);
}

/**
 * Reads owner/repo/host from every remote URL form Git accepts for GitHub:
 * `https://host/o/r(.git)`, `ssh://git@host(:port)/o/r.git`, scp-like `git@host:o/r.git`,
 * `git://host/o/r.git`, with credentials or a trailing slash. GHES may serve under a path
 * prefix; owner and repo are always the last two segments.
 */
export function parseRemoteUrl(url: string): RepoRef | undefined {
  const u = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(u);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return fromPath(scp[1], scp[2]);
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return undefined;
  return fromPath(parsed.hostname, decodeURIComponent(parsed.pathname));
}

function fromPath(host: string, path: string): RepoRef | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments.length < 2) return undefined;
  const repo = stripGit(segments[segments.length - 1]);
  const owner = segments[segments.length - 2];
  if (!repo || !/^[\w.-]+$/.test(owner) || !/^[\w.-]+$/.test(repo)) return undefined;
  // `ssh.github.com` (port 443 ssh) is still github.com.
  const h = host.toLowerCase() === 'ssh.github.com' || host.toLowerCase() === 'www.github.com' ? GITHUB_COM : host.toLowerCase();
  return { owner, repo, host: h };
}

function stripGit(name: string): string {
  return name.replace(/\.git$/i, '');
}

/** The REST API base URL of a web host: api.github.com, or `/api/v3` on a GHES host. */
export function apiBaseUrlForHost(host: string): string {
  return host === GITHUB_COM ? 'https://api.github.com' : `https://${host}/api/v3`;
}

/** The web host an API base URL belongs to (to match remotes against the configured server). */
export function webHostOfApiUrl(apiUrl: string): string | undefined {
  try {
    const u = new URL(apiUrl);
    if (u.hostname === 'api.github.com') return GITHUB_COM;
    return u.host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** GitHub's page for opening a pull request by hand, for resume instructions. */
export function compareUrl(repo: RepoRef, base: string, branch: string): string {
  const ref = (r: string) => encodeURIComponent(r).replace(/%2F/g, '/');
  return `https://${repo.host}/${repo.owner}/${repo.repo}/compare/${ref(base)}...${ref(branch)}?expand=1`;
}
