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
 * fetch and push to a bare repo on disk; pushes main there. Returns the bare repo's path.
 * `identity` is for tests whose flows commit.
 */
export function addBareOrigin(repo: string, url: string, identity?: { name: string; email: string }): string {
  const bare = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'youops-origin-')), 'shop.git');
  git(os.tmpdir(), 'init', '-q', '--bare', '-b', 'main', bare);
  if (identity) {
    git(repo, 'config', 'user.name', identity.name);
    git(repo, 'config', 'user.email', identity.email);
  }
  git(repo, 'remote', 'add', 'origin', url);
  git(repo, 'config', `url.${bare}.insteadOf`, url);
  git(repo, 'push', '-q', 'origin', 'main');
  return bare;
}

/** Deletes the bare repo and the temp folder addBareOrigin made for it. */
export function deleteBareOrigin(bare: string | undefined): void {
  if (bare) fs.rmSync(path.dirname(bare), { recursive: true, force: true });
}
