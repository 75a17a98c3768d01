import { parseRemoteUrl, type RepoRef } from '../github/repoRef';
import { gitIn, tryGit } from './git';

/**
 * The GitHub repository the `origin` remote names, read from its configured URL (before
 * `url.*.insteadOf` rewriting, which mirrors and tests use to redirect fetches and pushes).
 */
export async function originRepo(repoDir: string): Promise<RepoRef | undefined> {
  const url = await tryGit(gitIn(repoDir), ['config', '--get', 'remote.origin.url']);
  return url ? parseRemoteUrl(url) : undefined;
}

/** GitHub's page for opening a pull request by hand, for resume instructions. */
export function compareUrl(repo: RepoRef, base: string, branch: string): string {
  const ref = (r: string) => encodeURIComponent(r).replace(/%2F/g, '/');
  return `https://${repo.host}/${repo.owner}/${repo.repo}/compare/${ref(base)}...${ref(branch)}?expand=1`;
}
