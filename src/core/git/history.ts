import { readOnlyGit } from './readOnlyGit';

export interface CommitInfo {
  hash: string;
  shortHash: string;
  subject: string;
  author: string;
  date: Date;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * Recent commits that touched `paths` (relative to `cwd`); empty outside a Git repository.
 * `commit` (a resolved hash, e.g. of an environment's branch) starts the walk instead of HEAD.
 */
export async function recentCommits(cwd: string, paths: string[], limit = 10, commit?: string): Promise<CommitInfo[]> {
  const format = ['%H', '%h', '%s', '%an', '%aI'].join(FIELD) + RECORD;
  if (commit !== undefined && !/^[0-9a-f]{4,64}$/i.test(commit)) throw new Error(`not a commit hash: ${commit}`);
  let out: string;
  try {
    out = await git(cwd, ['log', `-n${limit}`, `--format=${format}`, ...(commit ? [commit] : []), '--', ...paths]);
  } catch {
    return [];
  }
  return out
    .split(RECORD)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [hash, shortHash, subject, author, date] = r.split(FIELD);
      return { hash, shortHash, subject, author, date: new Date(date) };
    });
}

export function currentBranch(cwd: string): Promise<string | undefined> {
  // Environments are evaluated at once: callers asking while git answers share its answer (one process, not twenty).
  let pending = branchAsked.get(cwd);
  if (!pending) {
    pending = askBranch(cwd).finally(() => branchAsked.delete(cwd));
    branchAsked.set(cwd, pending);
  }
  return pending;
}

const branchAsked = new Map<string, Promise<string | undefined>>();

async function askBranch(cwd: string): Promise<string | undefined> {
  try {
    const name = (await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    return name === 'HEAD' ? undefined : name;
  } catch {
    return undefined;
  }
}

function git(cwd: string, args: string[]): Promise<string> {
  return readOnlyGit(cwd, args);
}

/** The patch of one commit, limited to `paths` (an environment's manifests). */
export async function commitPatch(cwd: string, hash: string, paths: string[]): Promise<string> {
  if (!/^[0-9a-f]{4,40}$/i.test(hash)) throw new Error(`not a commit hash: ${hash}`);
  return git(cwd, ['show', '--no-textconv', '--no-ext-diff', '--stat', '--patch', '--format=commit %H%nAuthor: %an <%ae>%nDate:   %aI%n%n    %s%n%n%b', hash, '--', ...paths]);
}

/** The path of the current HEAD file, so callers can watch it for branch switches and commits. */
export async function gitDir(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--absolute-git-dir'])).trim();
  } catch {
    return undefined;
  }
}
