import { readOnlyGit } from '../git/readOnlyGit';

/**
 * The few read-only Git questions revisions need, all through readOnlyGit (safe in
 * untrusted workspaces: no repository-configured program runs, nothing is fetched).
 * Revisions come from clusters and files, so each is checked before it reaches argv.
 */

const SAFE_REV = /^[A-Za-z0-9._/@^~{}-]+$/;

function assertRev(rev: string): void {
  if (!rev || rev.startsWith('-') || !SAFE_REV.test(rev)) throw new Error(`not a Git revision: ${JSON.stringify(rev)}`);
}

/** The full hash of a commit named by `rev` (a hash prefix, branch or tag); undefined when the local repository has none. */
export async function resolveCommit(cwd: string, rev: string, signal?: AbortSignal): Promise<string | undefined> {
  assertRev(rev);
  try {
    const out = await readOnlyGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { signal });
    return out.trim() || undefined;
  } catch {
    return undefined; // unknown, ambiguous, or not a Git repository
  }
}

/** The tip of a branch as deployments see it: origin's copy first (fetch keeps it current), else the local branch. */
export async function branchTip(cwd: string, branch: string, signal?: AbortSignal): Promise<{ ref: string; commit: string } | undefined> {
  for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
    const commit = await resolveCommit(cwd, ref, signal);
    if (commit) return { ref, commit };
  }
  return undefined;
}

/**
 * The branch an environment without `branch:` follows: origin's default (origin/HEAD), else
 * a local main or master, else the checked-out branch. Undefined outside a Git repository.
 */
export async function defaultBranch(cwd: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const head = (await readOnlyGit(cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { signal })).trim();
    if (head.startsWith('refs/remotes/origin/')) return head.slice('refs/remotes/origin/'.length);
  } catch {
    // no origin/HEAD (a clone without it, or no origin at all)
  }
  for (const name of ['main', 'master']) {
    if (await branchTip(cwd, name, signal)) return name;
  }
  try {
    const current = (await readOnlyGit(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { signal })).trim();
    return current || undefined;
  } catch {
    return undefined;
  }
}

/** Commits only in `a` and only in `b` (`git rev-list --left-right --count a...b`). */
export async function aheadBehind(cwd: string, a: string, b: string, signal?: AbortSignal): Promise<{ onlyA: number; onlyB: number }> {
  assertRev(a);
  assertRev(b);
  const out = await readOnlyGit(cwd, ['rev-list', '--left-right', '--count', `${a}...${b}`, '--'], { signal });
  const [onlyA, onlyB] = out.trim().split(/\s+/).map(Number);
  return { onlyA, onlyB };
}

/** Whether `ancestor` is `descendant` or one of its ancestors. */
export async function isAncestor(cwd: string, ancestor: string, descendant: string, signal?: AbortSignal): Promise<boolean> {
  assertRev(ancestor);
  assertRev(descendant);
  try {
    await readOnlyGit(cwd, ['merge-base', '--is-ancestor', ancestor, descendant], { signal });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 1) return false;
    throw e;
  }
}

/** Commits reachable from `tip` but not from `base`, newest first, at most `limit`. */
export async function commitsBetween(cwd: string, base: string, tip: string, limit: number, signal?: AbortSignal): Promise<string[]> {
  assertRev(base);
  assertRev(tip);
  const out = await readOnlyGit(cwd, ['rev-list', `--max-count=${limit}`, tip, `^${base}`, '--'], { signal });
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}
