import { execFile } from 'node:child_process';

export interface CommitInfo {
  hash: string;
  shortHash: string;
  subject: string;
  author: string;
  date: Date;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** Recent commits that touched `paths` (relative to `cwd`); empty outside a Git repository. */
export async function recentCommits(cwd: string, paths: string[], limit = 10): Promise<CommitInfo[]> {
  const format = ['%H', '%h', '%s', '%an', '%aI'].join(FIELD) + RECORD;
  let out: string;
  try {
    out = await git(cwd, ['log', `-n${limit}`, `--format=${format}`, '--', ...paths]);
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

export async function currentBranch(cwd: string): Promise<string | undefined> {
  try {
    const name = (await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    return name === 'HEAD' ? undefined : name;
  } catch {
    return undefined;
  }
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 8 * 1024 * 1024, timeout: 15_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}
