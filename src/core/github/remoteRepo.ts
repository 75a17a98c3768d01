import { readOnlyGit } from '../git/readOnlyGit';
import { parseRemoteUrl, type RepoRef } from './repoRef';

/**
 * The GitHub repository of a working tree: its `origin` remote, else its only remote.
 * Read from the configured URLs, before `url.*.insteadOf` rewriting (which mirrors and
 * tests use to redirect fetches and pushes), through the read-only git runner, so an
 * untrusted folder's config runs no program. Undefined outside Git or when no remote is GitHub.
 */
export async function remoteRepo(cwd: string): Promise<RepoRef | undefined> {
  let out: string;
  try {
    out = await readOnlyGit(cwd, ['config', '--local', '--get-regexp', '^remote\\..*\\.url$'], { timeoutMs: 10_000 });
  } catch {
    return undefined; // not a repository, or no remote (git exits 1)
  }
  const urls = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    if (m && !urls.has(m[1])) urls.set(m[1], m[2]);
  }
  const url = urls.get('origin') ?? (urls.size === 1 ? [...urls.values()][0] : undefined);
  return url ? parseRemoteUrl(url) : undefined;
}
