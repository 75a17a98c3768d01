import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

export const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');

/**
 * Copies the demo GitOps repo into a fresh folder and makes it a real Git
 * repository with a short history, so tests may edit it freely and the
 * History node has commits to show. Each snapshot gets the REVISION file CI would
 * export with it (the commit its agent applied): dev runs the tip of main, staging and
 * prod the commit before it, so prod's promotion is merged but not deployed yet. The
 * files are excluded locally (.git/info/exclude), as exports are not committed.
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
    const rev = (r: string) => git('rev-parse', r).toString().trim();
    const deployed: Record<string, string> = { dev: rev('HEAD'), staging: rev('HEAD~1'), prod: rev('HEAD~1') };
    for (const [env, commit] of Object.entries(deployed)) {
      fs.writeFileSync(
        path.join(dir, '.youops', 'live', env, 'REVISION'),
        `# the revision the agent applied (Flux lastAppliedRevision), exported by CI with the snapshot\nmain@sha1:${commit}\n`,
      );
    }
    fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), '.youops/live/*/REVISION\n');
  }
  return dir;
}
