import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

export const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');

/**
 * Copies the demo GitOps repo into a fresh folder and makes it a real Git
 * repository with a short history, so tests may edit it freely and the
 * History node has commits to show.
 */
export function createDemoWorkspace(target?: string): string {
  const dir = target ?? fs.mkdtempSync(path.join(os.tmpdir(), 'youops-demo-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(DEMO_SOURCE, dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'YouOps Demo',
        GIT_AUTHOR_EMAIL: 'demo@youops.invalid',
        GIT_COMMITTER_NAME: 'YouOps Demo',
        GIT_COMMITTER_EMAIL: 'demo@youops.invalid',
      },
    });
  if (!fs.existsSync(path.join(dir, '.git'))) {
    git('init', '-q', '-b', 'main');
    git('add', '-A', '--', '.', ':!envs/prod', ':!envs/staging');
    git('commit', '-q', '-m', 'Add dev environment and youops.yaml');
    git('add', '-A', '--', 'envs/staging');
    git('commit', '-q', '-m', 'staging: first deployment of shop');
    git('add', '-A');
    git('commit', '-q', '-m', 'prod: promote shop from staging');
  }
  return dir;
}
