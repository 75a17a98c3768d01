import { simpleGit } from 'simple-git';
import { parseRemoteUrl, type RepoRef } from './repoRef';

/**
 * The GitHub repository of a working tree, from its `origin` remote (else the
 * only remote). Undefined outside Git or when no remote looks like GitHub.
 */
export async function detectRepoFromGit(cwd: string): Promise<RepoRef | undefined> {
  let remotes: Array<{ name: string; refs: { fetch: string; push: string } }>;
  try {
    remotes = await simpleGit({ baseDir: cwd, timeout: { block: 10_000 } }).getRemotes(true);
  } catch {
    return undefined;
  }
  const origin = remotes.find((r) => r.name === 'origin') ?? (remotes.length === 1 ? remotes[0] : undefined);
  if (!origin) return undefined;
  return parseRemoteUrl(origin.refs.fetch || origin.refs.push);
}
