import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compareRevision, describeRevision, revisionJson } from '../../../src/core/revision/compareRevision';
import { parseRevision } from '../../../src/core/revision/deployedRevision';
import { defaultBranch } from '../../../src/core/revision/gitRevisions';
import { markHistory } from '../../../src/core/revision/historyMarks';
import { describePlacement, whereIsCommit } from '../../../src/core/revision/whereIsCommit';
import { createGitFixture, writeFile, type GitFixture } from '../gitops/gitFixture';

const FILES = { 'envs/prod/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\ndata: { n: "0" }\n' };

/** Commits a change of envs/prod/cm.yaml in `dir`; returns the new commit. */
function commit(fx: GitFixture, dir: string, n: number | string): string {
  writeFile(path.join(dir, 'envs/prod/cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\ndata: { n: "${n}" }\n`);
  fx.git(dir, 'commit', '-q', '-am', `change ${n}`);
  return fx.git(dir, 'rev-parse', 'HEAD').trim();
}

const flux = (sha: string) => parseRevision(`main@sha1:${sha}`, 'Kustomization flux-system/prod')!;

describe('deployed revision against the local Git history (real Git repositories with a bare origin)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  let c: string[];

  beforeEach(() => {
    fx = createGitFixture(FILES);
    c = [fx.git(fx.clone, 'rev-parse', 'HEAD').trim()];
    for (let i = 1; i <= 3; i++) c.push(commit(fx, fx.clone, i));
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
  });
  afterEach(() => fx.dispose());

  it('counts the commits of the followed branch not deployed yet, and says ✓ latest at its tip', async () => {
    assert.equal(await defaultBranch(fx.clone), 'main', 'origin/HEAD of the clone');
    const behind = await compareRevision(fx.clone, flux(c[0]));
    assert.equal(behind.state, 'behind');
    assert.equal(behind.behind, 3);
    assert.equal(behind.branchRef, 'refs/remotes/origin/main');
    assert.equal(describeRevision(behind), `runs ${c[0].slice(0, 7)} — 3 commits behind main`);
    assert.deepEqual(revisionJson(behind), {
      deployed: c[0],
      source: 'main',
      behind: 3,
      state: 'behind',
      reported: `main@sha1:${c[0]}`,
      from: 'Kustomization flux-system/prod',
      sourceCommit: c[3],
      ahead: 0,
      text: `runs ${c[0].slice(0, 7)} — 3 commits behind main`,
    });
    const latest = await compareRevision(fx.clone, flux(c[3]));
    assert.equal(describeRevision(latest), `runs ${c[3].slice(0, 7)} ✓ latest`);
    assert.equal(revisionJson(latest)?.behind, 0);
    // An abbreviated commit (a HelmRelease's 6.5.3+<sha12>) resolves too.
    assert.equal((await compareRevision(fx.clone, { text: `6.5.3+${c[2].slice(0, 12)}`, commit: c[2].slice(0, 12), from: 'x' })).behind, 1);
  });

  it('says when the deployed commit is not in the local history, until it is fetched', async () => {
    // Someone else pushed c4 and the cluster runs it; this clone has not fetched.
    const seed = path.join(fx.root, 'other');
    fx.git(fx.root, 'clone', '-q', fx.bare, seed);
    fx.git(seed, 'config', 'user.email', 't@youops.invalid');
    fx.git(seed, 'config', 'user.name', 'T');
    const c4 = commit(fx, seed, 4);
    fx.git(seed, 'push', '-q', 'origin', 'main');
    const unknown = await compareRevision(fx.clone, flux(c4));
    assert.equal(unknown.state, 'not-in-history');
    assert.equal(describeRevision(unknown), `runs ${c4.slice(0, 7)} (not in your local history — fetch?)`);
    assert.deepEqual([revisionJson(unknown)?.deployed, revisionJson(unknown)?.behind], [c4, null]);
    fx.git(fx.clone, 'fetch', '-q', 'origin');
    assert.equal((await compareRevision(fx.clone, flux(c4))).state, 'latest');
  });

  it('tells a local copy older than the deployed revision, a revision off the branch, a chart version and an unknown branch apart', async () => {
    fx.git(fx.clone, 'checkout', '-q', '-b', 'hotfix');
    const hotfix = commit(fx, fx.clone, 'hotfix');
    fx.git(fx.clone, 'checkout', '-q', '-b', 'side', c[1]);
    const side = commit(fx, fx.clone, 'side');
    fx.git(fx.clone, 'checkout', '-q', 'main');

    const ahead = await compareRevision(fx.clone, flux(hotfix));
    assert.deepEqual([ahead.state, ahead.ahead, ahead.behind], ['ahead', 1, 0]);
    assert.equal(describeRevision(ahead), `runs ${hotfix.slice(0, 7)} — newer than your copy of main (1 commit ahead — fetch?)`);
    const diverged = await compareRevision(fx.clone, flux(side));
    assert.equal(describeRevision(diverged), `runs ${side.slice(0, 7)} — not on main`);
    assert.equal(revisionJson(diverged)?.behind, null);
    // The environment's own branch wins over the default.
    assert.equal((await compareRevision(fx.clone, flux(side), 'side')).state, 'latest');
    assert.equal(describeRevision(await compareRevision(fx.clone, flux(c[0]), 'release')), `runs ${c[0].slice(0, 7)} (branch release is not in your local repository)`);
    const chart = await compareRevision(fx.clone, { text: 'podinfo@6.5.3', from: 'HelmRelease shop/podinfo' });
    assert.equal(describeRevision(chart), 'runs podinfo@6.5.3');
    assert.deepEqual(revisionJson(chart), { deployed: 'podinfo@6.5.3', source: null, behind: null, state: 'not-a-commit', reported: 'podinfo@6.5.3', from: 'HelmRelease shop/podinfo', sourceCommit: null, ahead: null, text: 'runs podinfo@6.5.3' });
  });

  it('finds the default branch without origin/HEAD: main, master, else the checked-out one', async () => {
    fx.git(fx.clone, 'remote', 'remove', 'origin');
    assert.equal(await defaultBranch(fx.clone), 'main');
    fx.git(fx.clone, 'branch', '-q', '-m', 'main', 'trunk');
    assert.equal(await defaultBranch(fx.clone), 'trunk');
    fx.git(fx.clone, 'branch', '-q', 'master');
    assert.equal(await defaultBranch(fx.clone), 'master');
    assert.equal(await defaultBranch(fx.root), undefined, 'not a Git repository');
  });

  it('answers "where is this commit?" per environment: deployed, pending n behind, not on its branch, unknown', async () => {
    fx.git(fx.clone, 'checkout', '-q', '-b', 'release', c[1]);
    const release = commit(fx, fx.clone, 'release');
    fx.git(fx.clone, 'checkout', '-q', 'main');
    const where = await whereIsCommit(fx.clone, c[2], [
      { env: 'dev', deployed: flux(c[3]) },
      { env: 'staging', deployed: flux(c[0]) },
      { env: 'prod', branch: 'release', deployed: flux(release) },
      { env: 'qa', deployed: undefined },
      { env: 'preview', deployed: new Error('Flux is not installed in context kind-preview: …') },
      { env: 'charts', deployed: { text: 'podinfo@6.5.3', from: 'x' } },
      { env: 'far', deployed: flux('f'.repeat(40)) },
    ]);
    assert.equal(where.commit, c[2]);
    assert.equal(where.subject, 'change 2');
    assert.deepEqual(
      where.environments.map((p) => [p.env, describePlacement(p)]),
      [
        ['dev', `deployed (runs ${c[3].slice(0, 7)})`],
        ['staging', `pending — 2 commits behind (runs ${c[0].slice(0, 7)})`],
        ['prod', `not on release (runs ${release.slice(0, 7)})`],
        ['qa', 'unknown: its live source reports no deployed revision'],
        ['preview', 'unknown: Flux is not installed in context kind-preview: …'],
        ['charts', 'unknown: it runs podinfo@6.5.3, which names no commit'],
        ['far', 'unknown: it runs fffffff, which is not in your local history — fetch?'],
      ],
    );
    assert.equal(where.environments[1].behind, 2);
    await assert.rejects(whereIsCommit(fx.clone, 'no-such-ref', []), /no commit "no-such-ref" in the local repository/);
    await assert.rejects(whereIsCommit(fx.clone, '--output=/tmp/x', []), /no commit "--output=\/tmp\/x"/);
  });

  it('marks History commits as deployed, pending or included', async () => {
    const marks = await markHistory(fx.clone, [c[3], c[2], c[1], c[0]], c[1]);
    assert.deepEqual([...marks.entries()], [
      [c[3], 'pending'],
      [c[2], 'pending'],
      [c[1], 'deployed'],
      [c[0], 'included'],
    ]);
    assert.equal((await markHistory(fx.clone, [c[3]], 'f'.repeat(40))).size, 0, 'nothing marked against a commit the history lacks');
  });
});
