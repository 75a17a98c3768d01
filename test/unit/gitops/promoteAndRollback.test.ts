import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { recentCommits } from '../../../src/core/git/history';
import { GitHubClient } from '../../../src/core/github/githubClient';
import { GitOpsError } from '../../../src/core/gitops/gitOpsError';
import { remoteRepo } from '../../../src/core/github/remoteRepo';
import { gitHubPullRequestPort } from '../../../src/core/gitops/pullRequestPort';
import { runPromotion, type PromotionRun } from '../../../src/core/gitops/runPromotion';
import { runRollback } from '../../../src/core/gitops/runRollback';
import { startFakeGitHubServer, type FakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { createGitFixture, type GitFixture } from './gitFixture';
import { NEW_RESOURCES, NEW_RESOURCES_PROMOTED } from './newResourceTree';

const NOW = new Date('2025-03-04T05:06:07Z');
const BRANCH = 'youops/promote-staging-to-prod-20250304-050607';

describe('promote and roll back as pull requests (real Git: bare origin, clone, fake GitHub on 127.0.0.1)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  let github: FakeGitHubServer;
  let config: YouOpsConfig;

  beforeEach(async () => {
    fx = createGitFixture();
    github = await startFakeGitHubServer({ tokens: ['t0ken'], repos: [{ owner: 'acme', name: 'shop' }] });
    config = (await loadConfigFile(path.join(fx.clone, 'youops.yaml'))).config!;
  });

  afterEach(async () => {
    await github.close();
    fx.dispose();
  });

  const pullRequests = async () => {
    const repo = (await remoteRepo(fx.clone))!;
    return { port: gitHubPullRequestPort(new GitHubClient({ token: 't0ken', baseUrl: github.url, retries: 0 }), repo) };
  };

  function promotion(overrides: Partial<PromotionRun> = {}): PromotionRun {
    return {
      config,
      configRootDir: fx.clone,
      to: 'prod',
      now: NOW,
      select: async (plan) => plan.changes.filter((c) => c.suggested).map((c) => c.id),
      confirm: async () => true,
      pullRequests,
      ...overrides,
    };
  }

  /** Status, index, HEAD and file bytes of the user's checkout, to prove nothing in it changed (new branches aside). */
  function snapshot(): string {
    const files = ['envs/prod/web.yaml', 'envs/prod/api.yaml', 'scratch.txt'].map((f) => (fs.existsSync(path.join(fx.clone, f)) ? fs.readFileSync(path.join(fx.clone, f), 'utf8') : '-'));
    return [fx.git(fx.clone, 'status', '--porcelain=v1'), fx.git(fx.clone, 'diff', '--cached'), fx.git(fx.clone, 'rev-parse', 'HEAD', '--symbolic-full-name', 'HEAD'), ...files].join('\n---\n');
  }

  it('promotes the web image: branch, commit and PR on origin, file byte-for-byte, dirty working tree untouched', async () => {
    // The user is mid-edit: an unstaged change in the very file promoted, a staged one elsewhere.
    const web = path.join(fx.clone, 'envs/prod/web.yaml');
    const original = fs.readFileSync(web, 'utf8');
    fs.writeFileSync(web, original.replace('replicas: 3', 'replicas: 5 # trying'));
    fs.writeFileSync(path.join(fx.clone, 'scratch.txt'), 'notes\n');
    fx.git(fx.clone, 'add', 'scratch.txt');
    const before = snapshot();

    let shownPatch = '';
    const outcome = await runPromotion(promotion({ confirm: async (patch) => ((shownPatch = patch), true) }));

    assert.equal(outcome.status, 'published');
    assert.equal(snapshot(), before);
    assert.deepEqual(fx.git(fx.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
    const pushed = fx.originFile(BRANCH, 'envs/prod/web.yaml');
    assert.equal(pushed, original.replace('image: ghcr.io/acme/shop-web:1.4.1', 'image: ghcr.io/acme/shop-web:1.4.2'));
    assert.equal(fx.originFile(BRANCH, 'envs/prod/api.yaml'), fx.originFile('main', 'envs/prod/api.yaml'));
    assert.match(shownPatch, /-          image: ghcr\.io\/acme\/shop-web:1\.4\.1\n\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);
    assert.equal(fx.git(fx.bare, 'rev-parse', `${BRANCH}^`).trim(), fx.git(fx.bare, 'rev-parse', 'main').trim());
    assert.match(fx.git(fx.bare, 'log', '-1', '--format=%B', BRANCH), /^Promote staging → prod: Deployment web: spec\.template\.spec\.containers\[name=web\]\.image = ghcr\.io\/acme\/shop-web:1\.4\.2\n\n- Deployment web: .*1\.4\.1 → .*1\.4\.2/);

    assert.ok(outcome.status === 'published' && outcome.published.pullRequest);
    const pr = github.repo('acme/shop').issues.find((i) => i.pull)!;
    assert.deepEqual(pr.pull, { head: BRANCH, base: 'main', draft: false, merged: false });
    assert.match(pr.title, /^Promote staging → prod/);
    assert.match(pr.body ?? '', /\| Deployment web: spec\.template\.spec\.containers\[name=web\]\.image \| ghcr\.io\/acme\/shop-web:1\.4\.1 \| ghcr\.io\/acme\/shop-web:1\.4\.2 \|/);
    assert.deepEqual(pr.labels, ['youops', 'promotion', 'env:prod']);
    assert.equal(outcome.published.pullRequest.number, pr.number);
  });

  it('leaves no branch, worktree or edit behind when the user cancels at the patch', async () => {
    const before = snapshot();
    const outcome = await runPromotion(promotion({ confirm: async () => false }));
    assert.equal(outcome.status, 'cancelled');
    assert.equal(snapshot(), before);
    assert.equal(fx.git(fx.clone, 'branch', '--list', 'youops/*').trim(), '');
    assert.equal(fx.git(fx.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
    assert.equal(fx.git(fx.bare, 'branch', '--list', 'youops/*').trim(), '');
  });

  it('rolls prod back by reverting one commit, for the prod path only, as a PR', async () => {
    // A later commit changes prod and dev together; the rollback must undo prod's part only.
    const prodWeb = path.join(fx.clone, 'envs/prod/web.yaml');
    const devWeb = path.join(fx.clone, 'envs/dev/web.yaml');
    const original = fs.readFileSync(prodWeb, 'utf8');
    fs.writeFileSync(prodWeb, original.replace('shop-web:1.4.1', 'shop-web:1.5.0'));
    fs.writeFileSync(devWeb, fs.readFileSync(devWeb, 'utf8').replace(/shop-web:[\d.]+/, 'shop-web:1.5.0'));
    fx.git(fx.clone, 'commit', '-qam', 'release web 1.5.0 to dev and prod');
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
    const devAfter = fs.readFileSync(devWeb, 'utf8');
    const [commit] = await recentCommits(fx.clone, ['envs/prod']);

    const outcome = await runRollback({ config, configRootDir: fx.clone, env: 'prod', commit, mode: 'revert', now: NOW, confirm: async () => true, pullRequests });

    assert.ok(outcome.status === 'published');
    const branch = `youops/rollback-prod-${commit.shortHash}-20250304-050607`;
    assert.equal(outcome.published.branch, branch);
    assert.deepEqual(outcome.files, ['envs/prod/web.yaml']);
    assert.equal(fx.originFile(branch, 'envs/prod/web.yaml'), original);
    assert.equal(fx.originFile(branch, 'envs/dev/web.yaml'), devAfter);
    const pr = github.repo('acme/shop').issues.find((i) => i.pull)!;
    assert.equal(pr.title, `Roll back prod: revert ${commit.shortHash} "release web 1.5.0 to dev and prod"`);
    assert.deepEqual(pr.labels, ['youops', 'rollback', 'env:prod']);
  });

  it('reverting the commit that created the environment removes its files (the demo History\'s first commit)', async () => {
    const created = (await recentCommits(fx.clone, ['envs/prod'])).at(-1)!;
    const outcome = await runRollback({ config, configRootDir: fx.clone, env: 'prod', commit: created, mode: 'revert', now: NOW, confirm: async () => true, pullRequests });
    assert.ok(outcome.status === 'published');
    assert.ok(outcome.files.length > 0 && outcome.files.every((f) => f.startsWith('envs/prod/')), outcome.files.join(', '));
    assert.match(outcome.patch, /^deleted file mode/m);
    assert.equal(fx.git(fx.bare, 'ls-tree', '-r', '--name-only', outcome.published.branch, '--', 'envs/prod').trim(), '');
    assert.notEqual(fx.git(fx.bare, 'ls-tree', '-r', '--name-only', outcome.published.branch, '--', 'envs/dev').trim(), '', 'other environments stay');
  });

  it('restores prod to an earlier commit', async () => {
    const prodWeb = path.join(fx.clone, 'envs/prod/web.yaml');
    const original = fs.readFileSync(prodWeb, 'utf8');
    const [initial] = await recentCommits(fx.clone, ['envs/prod']);
    for (const v of ['1.5.0', '1.6.0']) {
      fs.writeFileSync(prodWeb, original.replace('shop-web:1.4.1', `shop-web:${v}`));
      fx.git(fx.clone, 'commit', '-qam', `prod: web ${v}`);
    }
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
    const outcome = await runRollback({ config, configRootDir: fx.clone, env: 'prod', commit: initial, mode: 'restore', now: NOW, confirm: async () => true, pullRequests });
    assert.ok(outcome.status === 'published');
    assert.equal(fx.originFile(outcome.published.branch, 'envs/prod/web.yaml'), original);
  });

  describe('bad input: clear messages, nothing left in the user\'s tree', () => {
    async function fails(run: Promise<unknown>, kind: string, message: RegExp): Promise<GitOpsError> {
      const before = snapshot();
      let caught: unknown;
      await run.catch((e: unknown) => (caught = e));
      assert.ok(caught instanceof GitOpsError, `expected a GitOpsError, got ${String(caught)}`);
      assert.equal(caught.kind, kind);
      assert.match(caught.message, message);
      assert.equal(snapshot(), before);
      assert.equal(fx.git(fx.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
      return caught;
    }

    it('refuses a detached HEAD', async () => {
      fx.git(fx.clone, 'checkout', '-q', '--detach');
      await fails(runPromotion(promotion()), 'detachedHead', /HEAD is detached at [0-9a-f]+: check out the branch/);
    });

    it('without origin: still shows the values and the patch, commits on a local branch, and says how to push it', async () => {
      fx.git(fx.clone, 'remote', 'remove', 'origin');
      const before = snapshot();
      let selected = 0;
      let shown: { patch: string; where: unknown } | undefined;
      let askedForPullRequests = false;
      let caught: unknown;
      await runPromotion(
        promotion({
          select: async (plan) => ((selected = plan.changes.length), plan.changes.filter((c) => c.suggested).map((c) => c.id)),
          confirm: async (patch, _changes, where) => ((shown = { patch, where }), true),
          pullRequests: async () => ((askedForPullRequests = true), {}),
        }),
      ).catch((e: unknown) => (caught = e));
      assert.ok(selected > 0, 'the values were offered');
      assert.match(shown!.patch, /\+\s+image: ghcr\.io\/acme\/shop-web:1\.4\.2/);
      assert.deepEqual(shown!.where, { branch: BRANCH, base: 'main', origin: false });
      assert.ok(caught instanceof GitOpsError && caught.kind === 'noOrigin', String(caught));
      assert.match(caught.message, /no "origin" remote to push youops\/promote-staging-to-prod-\d+-\d+ to/);
      assert.deepEqual(caught.resume, {
        branch: BRANCH,
        steps: ['git remote add origin <url>', `git push --set-upstream origin ${BRANCH}`, `open a pull request from ${BRANCH} into main`],
      });
      assert.equal(askedForPullRequests, false, 'nothing asked about GitHub before a push that cannot happen');
      assert.equal(snapshot(), before, "the user's checkout is untouched");
      assert.match(fx.git(fx.clone, 'show', `${BRANCH}:envs/prod/web.yaml`), /image: ghcr\.io\/acme\/shop-web:1\.4\.2/, 'the commit is kept on the local branch');
      assert.equal(fx.git(fx.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
    });

    it('refuses when main and origin/main have diverged', async () => {
      fs.writeFileSync(path.join(fx.clone, 'README.md'), 'local\n');
      fx.git(fx.clone, 'add', 'README.md');
      fx.git(fx.clone, 'commit', '-qm', 'local only');
      const other = path.join(fx.root, 'other');
      fx.git(fx.root, 'clone', '-q', fx.bare, other);
      fs.writeFileSync(path.join(other, 'NOTES.md'), 'remote\n');
      fx.git(other, 'add', 'NOTES.md');
      fx.git(other, '-c', 'user.name=o', '-c', 'user.email=o@o', 'commit', '-qm', 'remote only');
      fx.git(other, 'push', '-q', 'origin', 'main');
      await fails(runPromotion(promotion()), 'diverged', /main and origin\/main have diverged \(1 local and 1 remote commits\)/);
    });

    it('keeps the local branch and says how to resume when origin rejects the push', async () => {
      fs.writeFileSync(path.join(fx.bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected: pushes need approval" >&2\nexit 1\n', { mode: 0o755 });
      const err = await fails(runPromotion(promotion()), 'pushRejected', /pushing youops\/promote-staging-to-prod-20250304-050607 to origin failed: .*protected: pushes need approval/);
      assert.deepEqual(err.resume, { branch: BRANCH, steps: [`git push --set-upstream origin ${BRANCH}`, `open a pull request from ${BRANCH} into main`] });
      assert.match(fx.git(fx.clone, 'show', `${BRANCH}:envs/prod/web.yaml`), /shop-web:1\.4\.2/);
      assert.equal(fx.git(fx.bare, 'branch', '--list', 'youops/*').trim(), '');
      assert.equal(github.repo('acme/shop').issues.length, 0);
    });

    it('keeps the pushed branch and says how to open the PR when GitHub refuses it', async () => {
      github.inject({ status: 403, match: /POST \/repos\/acme\/shop\/pulls/ });
      const err = await fails(runPromotion(promotion()), 'pullRequestFailed', /is pushed, but the pull request could not be opened/);
      assert.equal(err.resume?.branch, BRANCH);
      assert.match(fx.originFile(BRANCH, 'envs/prod/web.yaml'), /shop-web:1\.4\.2/);
    });

    it('abandons the pull-request request on cancel: the branch stays pushed, and the message says GitHub may have opened it', async () => {
      github.delay({ match: /^POST \/repos\/acme\/shop\/pulls$/, ms: 10_000 });
      const abort = new AbortController();
      const steps: string[] = [];
      const publishing: PromotionRun['publishing'] = (work) =>
        work({
          signal: abort.signal,
          step: (m) => {
            steps.push(m);
            if (m.startsWith('opening the pull request')) setTimeout(() => abort.abort(), 300);
          },
        });
      const started = Date.now();
      const err = await fails(runPromotion(promotion({ publishing })), 'cancelled', /^cancelled while opening the pull request: .* is pushed, and GitHub may have opened the pull request already$/);
      assert.ok(Date.now() - started < 8000, 'did not wait for GitHub');
      assert.deepEqual(steps, [`committing on ${BRANCH}`, `pushing ${BRANCH} to origin`, 'reaching GitHub (a sign-in may be asked)', 'opening the pull request in acme/shop']);
      assert.deepEqual(err.resume, { branch: BRANCH, steps: [`open a pull request from ${BRANCH} into main`] });
      assert.match(fx.originFile(BRANCH, 'envs/prod/web.yaml'), /shop-web:1\.4\.2/);
    });

    it('reports revert conflicts with the files and commits nothing', async () => {
      const prodWeb = path.join(fx.clone, 'envs/prod/web.yaml');
      const original = fs.readFileSync(prodWeb, 'utf8');
      fs.writeFileSync(prodWeb, original.replace('shop-web:1.4.1', 'shop-web:1.5.0'));
      fx.git(fx.clone, 'commit', '-qam', 'prod: web 1.5.0');
      const [bad] = await recentCommits(fx.clone, ['envs/prod']);
      fs.writeFileSync(prodWeb, original.replace('shop-web:1.4.1', 'shop-web:1.6.0'));
      fx.git(fx.clone, 'commit', '-qam', 'prod: web 1.6.0');
      fx.git(fx.clone, 'push', '-q', 'origin', 'main');
      await fails(
        runRollback({ config, configRootDir: fx.clone, env: 'prod', commit: bad, mode: 'revert', now: NOW, confirm: async () => true, pullRequests }),
        'conflict',
        /reverting [0-9a-f]{7} conflicts with later changes in envs\/prod\/web\.yaml; nothing was committed/,
      );
      assert.equal(fx.git(fx.clone, 'branch', '--list', 'youops/*').trim(), '');
    });

    it('refuses a commit that did not touch the environment', async () => {
      fs.writeFileSync(path.join(fx.clone, 'envs/dev/web.yaml'), '# dev only\n' + fs.readFileSync(path.join(fx.clone, 'envs/dev/web.yaml'), 'utf8'));
      fx.git(fx.clone, 'commit', '-qam', 'dev only');
      fx.git(fx.clone, 'push', '-q', 'origin', 'main');
      const [devCommit] = await recentCommits(fx.clone, ['envs/dev']);
      await fails(runRollback({ config, configRootDir: fx.clone, env: 'prod', commit: devCommit, mode: 'revert', confirm: async () => true, pullRequests }), 'nothingToDo', /did not change this environment's manifests/);
    });

    it('refuses to promote a templated value and names it', async () => {
      const stagingWeb = path.join(fx.clone, 'envs/staging/web.yaml');
      fs.writeFileSync(stagingWeb, fs.readFileSync(stagingWeb, 'utf8').replace('image: ghcr.io/acme/shop-web:1.4.2', 'image: "ghcr.io/acme/shop-web:{{ .Values.tag }}"'));
      fx.git(fx.clone, 'commit', '-qam', 'staging: templated tag');
      fx.git(fx.clone, 'push', '-q', 'origin', 'main');
      const picked = runPromotion(promotion({ select: async (plan) => plan.changes.filter((c) => c.label.endsWith('.image')).map((c) => c.id) }));
      await fails(picked, 'notEditable', /containers\[name=web\]\.image cannot be promoted: the value is a template expression/);
    });
  });
});

describe('promote resources only the source has as a pull request (real Git: bare origin, clone, fake GitHub on 127.0.0.1)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  let github: FakeGitHubServer;

  beforeEach(async () => {
    fx = createGitFixture(NEW_RESOURCES);
    github = await startFakeGitHubServer({ tokens: ['t0ken'], repos: [{ owner: 'acme', name: 'shop' }] });
  });

  afterEach(async () => {
    await github.close();
    fx.dispose();
  });

  it('commits the new file, the appended document and the kustomization entry byte for byte, and names them in the PR', async () => {
    const config = (await loadConfigFile(path.join(fx.clone, 'youops.yaml'))).config!;
    const repo = (await remoteRepo(fx.clone))!;
    let shownPatch = '';
    const outcome = await runPromotion({
      config,
      configRootDir: fx.clone,
      to: 'prod',
      now: NOW,
      select: async (plan) => plan.changes.filter((c) => c.adds).map((c) => c.id),
      confirm: async (patch) => ((shownPatch = patch), true),
      pullRequests: async () => ({ port: gitHubPullRequestPort(new GitHubClient({ token: 't0ken', baseUrl: github.url, retries: 0 }), repo) }),
    });

    assert.ok(outcome.status === 'published');
    assert.deepEqual(outcome.files, ['envs/prod/web.yaml', 'envs/prod/cache.yaml', 'envs/prod/kustomization.yaml', 'envs/prod/monitor.yaml']);
    for (const [file, text] of Object.entries(NEW_RESOURCES_PROMOTED)) assert.equal(fx.originFile(BRANCH, file), text, file);
    assert.equal(fx.git(fx.clone, 'status', '--porcelain'), '');
    assert.ok(!fs.existsSync(path.join(fx.clone, 'envs/prod/cache.yaml')));
    assert.match(shownPatch, /^diff --git a\/envs\/prod\/cache\.yaml b\/envs\/prod\/cache\.yaml\nnew file mode 100644\n/m);
    assert.match(shownPatch, /\n   - web\.yaml   # the storefront\n\+  - cache\.yaml\n\+  - monitor\.yaml\n/);

    const pr = github.repo('acme/shop').issues.find((i) => i.pull)!;
    assert.equal(pr.title, 'Promote staging → prod (4 changes)');
    assert.match(pr.body ?? '', /\| Deployment cache: new in prod, new file cache\.yaml; namespace shop-staging → shop-prod \| \(not in prod\) \| added, as in staging \|/);
    assert.match(pr.body ?? '', /Files: `envs\/prod\/web\.yaml`, `envs\/prod\/cache\.yaml`, `envs\/prod\/kustomization\.yaml`, `envs\/prod\/monitor\.yaml`/);
    assert.match(fx.git(fx.bare, 'log', '-1', '--format=%B', BRANCH), /\n- ServiceMonitor shop: new in prod, new file monitor\.yaml; namespace monitoring kept: /);
  });
});
