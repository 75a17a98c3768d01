import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addBareOrigin } from './bareOrigin';
import { REPO_ROOT } from './codeServer';

export const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');

/** Where the demo's pull requests would go: its origin looks like this GitHub repository, and a bare repo on disk stands in for it. */
export const DEMO_ORIGIN_URL = 'https://github.com/acme/shop.git';

const IDENTITY = { name: 'YouOps Demo', email: 'demo@youops.invalid' };

/**
 * Copies the demo GitOps repo into a fresh folder (`<temp>/shop` unless `target` is given)
 * and makes it a real Git repository with a short history, so tests may edit it freely and
 * the History node has commits to show. Each snapshot gets the REVISION file CI would
 * export with it (the commit its agent applied): dev runs the tip of main, staging and
 * prod the commit before it, so prod's promotion is merged but not deployed yet. The
 * files are excluded locally (.git/info/exclude), as exports are not committed. Its
 * `origin` is a bare repository next to it (`../origin/shop.git`, reached through
 * url.insteadOf), so Promote and Roll Back run to the end: branch, commit, push. Commits
 * are made as "YouOps Demo": VS Code's HOME here has no Git identity.
 */
export function createDemoWorkspace(target?: string): string {
  const dir = target ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'youops-demo-')), 'shop');
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: IDENTITY.name,
        GIT_AUTHOR_EMAIL: IDENTITY.email,
        GIT_COMMITTER_NAME: IDENTITY.name,
        GIT_COMMITTER_EMAIL: IDENTITY.email,
      },
    });
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.cpSync(DEMO_SOURCE, dir, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', IDENTITY.name);
    git('config', 'user.email', IDENTITY.email);
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
  // A demo folder from before it had one gets its origin too.
  const hasOrigin = (() => {
    try {
      git('remote', 'get-url', 'origin');
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasOrigin) addBareOrigin(dir, DEMO_ORIGIN_URL, demoOriginPath(dir));
  return dir;
}

/** The bare repository standing in for the demo's origin. */
export function demoOriginPath(workspace: string): string {
  return path.join(path.dirname(workspace), 'origin', `${path.basename(workspace)}.git`);
}

/** Deletes a demo workspace, its bare origin, and the temp folder that held them. */
export function removeDemoWorkspace(workspace: string): void {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(demoOriginPath(workspace), { recursive: true, force: true });
  const holder = path.dirname(workspace);
  if (path.basename(holder).startsWith('youops-demo-')) fs.rmSync(holder, { recursive: true, force: true });
}
