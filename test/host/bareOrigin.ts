import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Runs git and returns its stdout; stderr is kept out of the test output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Gives `repo` an origin that looks like GitHub (`url`), while url.<bare>.insteadOf sends every
 * fetch and push to a bare repo on disk (`bare`); pushes main there. Returns the bare repo's path.
 */
export function addBareOrigin(repo: string, url: string, bare: string): string {
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  git(os.tmpdir(), 'init', '-q', '--bare', '-b', 'main', bare);
  git(repo, 'remote', 'add', 'origin', url);
  git(repo, 'config', `url.${bare}.insteadOf`, url);
  git(repo, 'push', '-q', 'origin', 'main');
  return bare;
}

/** The bare repo that `repo`'s origin stands for (see addBareOrigin). */
export function bareOriginOf(repo: string): string {
  const out = git(repo, 'config', '--get-regexp', '^url\\..*\\.insteadof$').trim().split('\n')[0] ?? '';
  const m = /^url\.(.*)\.insteadof /.exec(out);
  if (!m) throw new Error(`${repo} has no bare origin`);
  return m[1];
}
