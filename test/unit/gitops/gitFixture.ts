import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DEMO = path.resolve(__dirname, '../../../../examples/demo');
/** What origin's URL says; `url.<bare>.insteadOf` sends fetches and pushes to the bare repository on disk. */
export const ORIGIN_URL = 'https://github.com/acme/shop.git';

export interface GitFixture {
  root: string;
  /** The bare repository that plays origin. */
  bare: string;
  /** The user's clone (the workspace). */
  clone: string;
  git(cwd: string, ...args: string[]): string;
  /** File text on a branch of origin. */
  originFile(branch: string, file: string): string;
  dispose(): void;
}

/** A bare `origin` with `files` (default: the demo) committed on main, and a clone of it. */
export function createGitFixture(files: string | Record<string, string> = DEMO): GitFixture {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'youops-gitops-')));
  const seed = path.join(root, 'seed');
  const bare = path.join(root, 'origin.git');
  const clone = path.join(root, 'clone');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (typeof files === 'string') fs.cpSync(files, seed, { recursive: true });
  else for (const [rel, text] of Object.entries(files)) writeFile(path.join(seed, rel), text);
  git(root, 'init', '-q', '-b', 'main', seed);
  configure(git, seed);
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'initial state');
  git(root, 'init', '-q', '--bare', '-b', 'main', bare);
  git(seed, 'push', '-q', bare, 'main');
  git(root, 'clone', '-q', bare, clone);
  configure(git, clone);
  git(clone, 'remote', 'set-url', 'origin', ORIGIN_URL);
  git(clone, 'config', `url.${bare}.insteadOf`, ORIGIN_URL);
  return {
    root,
    bare,
    clone,
    git,
    originFile: (branch, file) => git(bare, 'show', `${branch}:${file}`),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

export function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function configure(git: (cwd: string, ...args: string[]) => string, dir: string): void {
  git(dir, 'config', 'user.name', 'YouOps Test');
  git(dir, 'config', 'user.email', 'test@youops.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
}
