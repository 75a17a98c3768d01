import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeTrapScript } from './trapScript';

export interface GitTrapMarkers {
  /** Written if git ran gpg.program to check a signature (log.showSignature). */
  gpg: string;
  /** Written if git ran the textconv driver of a YAML file (show --patch, log -p). */
  textconv: string;
}

/**
 * Makes `repo` look like a hostile download: its own .git config names programs that
 * read-only git commands run, and HEAD becomes a commit of the staged changes that
 * carries a (bogus) signature, so `git log` calls gpg.program. Scripts go in `trapDir`.
 */
export function plantGitTraps(repo: string, markers: GitTrapMarkers, trapDir: string, message: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  git('config', 'log.showSignature', 'true');
  git('config', 'gpg.program', writeTrapScript(path.join(trapDir, 'gpg.sh'), markers.gpg));
  git('config', 'diff.trap.textconv', writeTrapScript(path.join(trapDir, 'textconv.sh'), markers.textconv));
  fs.appendFileSync(path.join(repo, '.git', 'info', 'attributes'), '*.yaml diff=trap\n');

  // `git commit -S` needs a real key: the commit object is written by hand instead.
  const tree = git('write-tree').trim();
  const parent = git('rev-parse', 'HEAD').trim();
  const who = `YouOps Demo <demo@youops.invalid> ${Math.floor(Date.now() / 1000)} +0000`;
  const signature = ['-----BEGIN PGP SIGNATURE-----', '', 'iQEzBAABCAAdFiEEyouopsyouopsyouopsyouopsyouops', '-----END PGP SIGNATURE-----'].join('\n ');
  const commit = `tree ${tree}\nparent ${parent}\nauthor ${who}\ncommitter ${who}\ngpgsig ${signature}\n\n${message}\n`;
  const hash = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo, input: commit, encoding: 'utf8' }).trim();
  git('update-ref', 'HEAD', hash);
  return hash;
}
