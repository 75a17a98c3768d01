import * as assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { recentCommits } from '../../../src/core/git/history';
import { GitOpsError } from '../../../src/core/gitops/gitOpsError';
import { runPromotion, type PromotionRun } from '../../../src/core/gitops/runPromotion';
import { runRollback } from '../../../src/core/gitops/runRollback';
import { createGitFixture, type GitFixture } from './gitFixture';

const NOW = new Date('2025-03-04T05:06:07Z');
const BRANCH = 'youops/promote-staging-to-prod-20250304-050607';

describe('promote/rollback git safety against hostile repositories and faults (real Git: bare origin and clone; issue 14)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  let config: YouOpsConfig;

  beforeEach(async () => {
    fx = createGitFixture();
    config = (await loadConfigFile(path.join(fx.clone, 'youops.yaml'))).config!;
  });
  afterEach(() => fx.dispose());

  const promotion = (overrides: Partial<PromotionRun> = {}): PromotionRun => ({
    config,
    configRootDir: fx.clone,
    to: 'prod',
    now: NOW,
    select: async (plan) => plan.changes.filter((c) => c.suggested).map((c) => c.id),
    confirm: async () => true,
    pullRequests: async () => ({}),
    ...overrides,
  });

  it('removes only its own worktree: another worktree whose folder is moved away stays registered', async () => {
    const other = path.join(fx.root, 'feature-wt');
    fx.git(fx.clone, 'worktree', 'add', '-q', '-b', 'feature', other);
    fs.renameSync(other, `${other}.away`); // e.g. on a disk that is not mounted right now
    const outcome = await runPromotion(promotion());
    assert.equal(outcome.status, 'published');
    const listed = fx.git(fx.clone, 'worktree', 'list', '--porcelain');
    assert.match(listed, new RegExp(`^worktree ${other}$`, 'm'));
    assert.equal(listed.match(/^worktree /gm)?.length, 2, listed);
    fs.renameSync(`${other}.away`, other);
    assert.equal(fx.git(other, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), 'feature');
  });

  it('shows and applies the real bytes, whatever textconv driver the repository names', async () => {
    fs.writeFileSync(path.join(fx.clone, '.git', 'info', 'attributes'), '*.yaml diff=evil\n');
    fx.git(fx.clone, 'config', 'diff.evil.textconv', 'sed s/shop-web/EVIL/g');
    let shown = '';
    const outcome = await runPromotion(promotion({ confirm: async (patch) => ((shown = patch), true) }));
    assert.equal(outcome.status, 'published');
    assert.doesNotMatch(shown, /EVIL/);
    assert.match(shown, /\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);

    const web = path.join(fx.clone, 'envs/prod/web.yaml');
    const original = fs.readFileSync(web, 'utf8');
    fs.writeFileSync(web, original.replace('shop-web:1.4.1', 'shop-web:1.5.0'));
    fx.git(fx.clone, 'commit', '-qam', 'prod: web 1.5.0');
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
    const [commit] = await recentCommits(fx.clone, ['envs/prod']);
    let rollbackPatch = '';
    const rollback = await runRollback({ config, configRootDir: fx.clone, env: 'prod', commit, mode: 'revert', now: NOW, confirm: async (p) => ((rollbackPatch = p), true), pullRequests: async () => ({}) });
    assert.equal(rollback.status, 'published');
    assert.doesNotMatch(rollbackPatch, /EVIL/);
    assert.ok(rollback.status === 'published');
    assert.equal(fx.originFile(rollback.published.branch, 'envs/prod/web.yaml'), original);
  });

  it('kills a stalled push with its whole process group and says how to resume', async () => {
    const pids = path.join(fx.root, 'stalled.pids');
    const script = path.join(fx.root, 'stall-receive-pack.sh');
    // A server that accepts the connection and never answers, with a child of its own.
    fs.writeFileSync(script, `#!/bin/sh\nsleep 300 &\necho $! > ${pids}\necho $$ >> ${pids}\nwait\n`, { mode: 0o755 });
    fx.git(fx.clone, 'config', 'remote.origin.receivepack', script);
    const started = Date.now();
    const err = await runPromotion(promotion({ pushTimeoutMs: 2000 })).catch((e: unknown) => e);
    assert.ok(err instanceof GitOpsError, String(err));
    assert.equal(err.kind, 'pushRejected');
    assert.match(err.message, /pushing .* to origin failed: git push timed out after 2s/);
    assert.ok(Date.now() - started < 20_000);
    const stalled = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let i = 0; i < 50 && stalled.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(stalled.filter(alive), [], 'the push and its children are gone');
    assert.deepEqual(err.resume?.steps, [`git push --set-upstream origin ${BRANCH}`, `open a pull request from ${BRANCH} into main`]);
  });

  it('stops a push when the person cancels (the process group is killed), keeps the commit and says how to resume', async () => {
    const pids = path.join(fx.root, 'cancelled.pids');
    const script = path.join(fx.root, 'slow-receive-pack.sh');
    fs.writeFileSync(script, `#!/bin/sh\nsleep 300 &\necho $! > ${pids}\necho $$ >> ${pids}\nwait\n`, { mode: 0o755 });
    fx.git(fx.clone, 'config', 'remote.origin.receivepack', script);
    const abort = new AbortController();
    const steps: string[] = [];
    const started = Date.now();
    const err = await runPromotion(
      promotion({
        pushTimeoutMs: 60_000,
        publishing: (work) =>
          work({
            signal: abort.signal,
            step: (m) => {
              steps.push(m);
              if (m.startsWith('pushing')) setTimeout(() => abort.abort(), 500);
            },
          }),
      }),
    ).catch((e: unknown) => e);
    assert.ok(err instanceof GitOpsError, String(err));
    assert.equal(err.kind, 'cancelled');
    assert.match(err.message, new RegExp(`^cancelled while pushing ${BRANCH} to origin: it may or may not be there yet$`));
    assert.ok(Date.now() - started < 20_000, 'did not wait for the push timeout');
    assert.deepEqual(steps, [`committing on ${BRANCH}`, `pushing ${BRANCH} to origin`]);
    const stalled = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let i = 0; i < 50 && stalled.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(stalled.filter(alive), [], 'the push and its children are gone');
    assert.match(fx.git(fx.clone, 'show', `${BRANCH}:envs/prod/web.yaml`), /shop-web:1\.4\.2/, 'the commit is kept on the local branch');
    assert.deepEqual(err.resume?.steps, [`git push --set-upstream origin ${BRANCH}`, `open a pull request from ${BRANCH} into main`]);
  });

  it('never pushes onto a branch of the same name that exists on origin (an ancestor would be fast-forwarded)', async () => {
    fx.git(fx.clone, 'push', '-q', 'origin', `main:refs/heads/${BRANCH}`);
    const main = fx.git(fx.bare, 'rev-parse', 'main').trim();
    const outcome = await runPromotion(promotion());
    assert.ok(outcome.status === 'published');
    assert.equal(outcome.published.branch, `${BRANCH}-2`);
    assert.equal(fx.git(fx.bare, 'rev-parse', BRANCH).trim(), main, 'the existing branch is untouched');
    assert.match(fx.originFile(`${BRANCH}-2`, 'envs/prod/web.yaml'), /shop-web:1\.4\.2/);
  });

  it('prints resume steps that work: after a rejected push, running them publishes the branch', async () => {
    const hook = path.join(fx.bare, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "protected: pushes need approval" >&2\nexit 1\n', { mode: 0o755 });
    const err = await runPromotion(promotion()).catch((e: unknown) => e);
    assert.ok(err instanceof GitOpsError && err.resume, String(err));
    fs.rmSync(hook);
    execSync(err.resume.steps[0], { cwd: fx.clone, stdio: 'pipe' });
    assert.match(fx.originFile(BRANCH, 'envs/prod/web.yaml'), /shop-web:1\.4\.2/);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
