import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { GitRefProvider } from '../../../src/core/live/gitRefProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';
import { describeRevision } from '../../../src/core/revision/compareRevision';
import { deployedRevisionReports, readDeployedRevisions } from '../../../src/core/revision/readDeployedRevision';
import { whereIsCommit } from '../../../src/core/revision/whereIsCommit';
import { snapshotRevisionFile } from '../../../src/core/revision/snapshotRevision';
import { createGitFixture, writeFile, type GitFixture } from '../gitops/gitFixture';
import { requireKustomizeV5 } from '../kustomize/kustomizeFixture';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\ndata: { n: "0" }\n';

describe('deployed revision of snapshot and gitRef sources (real Git repository)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  let first: string;
  let second: string;

  beforeEach(() => {
    fx = createGitFixture({ 'envs/prod/cm.yaml': CM, '.youops/live/prod/cm.yaml': CM });
    first = fx.git(fx.clone, 'rev-parse', 'HEAD').trim();
    writeFile(path.join(fx.clone, 'envs/prod/cm.yaml'), CM.replace('"0"', '"1"'));
    fx.git(fx.clone, 'commit', '-q', '-am', 'bump n');
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
    second = fx.git(fx.clone, 'rev-parse', 'HEAD').trim();
  });
  afterEach(() => fx.dispose());

  it('reads REVISION inside a snapshot folder and <name>.revision beside a snapshot file, in the forms CI writes', async () => {
    const folder = path.join(fx.clone, '.youops/live/prod');
    assert.equal(snapshotRevisionFile(folder, true), path.join(folder, 'REVISION'));
    assert.equal((await new SnapshotProvider(folder).fetch({ resources: [] })).revision, undefined, 'no revision file: no revision');
    // What `kubectl get kustomization prod -o jsonpath='{.status.lastAppliedRevision}'` prints, after a comment.
    fs.writeFileSync(path.join(folder, 'REVISION'), `# exported by CI with the snapshot\n\nmain@sha1:${first}\n`);
    const state = await new SnapshotProvider(folder).fetch({ resources: [] });
    assert.deepEqual(state.revision, { text: `main@sha1:${first}`, from: 'REVISION of the snapshot', ref: 'main', commit: first });
    assert.equal(state.objects.length, 1, 'the revision file is not read as a live object');

    const file = path.join(fx.clone, '.youops/live/prod/cm.yaml');
    assert.equal(snapshotRevisionFile(file, false), path.join(folder, 'cm.revision'));
    fs.writeFileSync(path.join(folder, 'cm.revision'), `${second}\n`); // `git rev-parse HEAD`
    assert.equal((await new SnapshotProvider(file).deployedRevision())?.commit, second);

    fs.writeFileSync(path.join(folder, 'REVISION'), 'x'.repeat(5000));
    await assert.rejects(new SnapshotProvider(folder).fetch({ resources: [] }), (e: unknown) => e instanceof LiveStateError && /revision file: .*REVISION is 5000 bytes/.test(e.message));
  });

  it('puts the snapshot’s revision against main on the environment state', async () => {
    fs.writeFileSync(path.join(fx.clone, '.youops/live/prod/REVISION'), `${first}\n`);
    const { config } = parseConfigText('version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live: { snapshot: .youops/live/prod }\n');
    const state = await evaluateEnvironment(config!.environments[0], config!, { rootDir: fx.clone, trusted: false });
    assert.equal(state.revision?.state, 'behind');
    assert.equal(describeRevision(state.revision!), `runs ${first.slice(0, 7)} — 1 commit behind main`);
    // The History view's marks come with the state: the deployed commit, and the one not deployed yet.
    assert.deepEqual(state.history.map((c) => [c.subject, state.historyMarks?.[c.hash]]), [
      ['bump n', 'pending'],
      [fx.git(fx.clone, 'log', '-1', '--format=%s', first).trim(), 'deployed'],
    ]);
    // "Where is this commit?" from states already evaluated, as the editor asks it.
    const where = await whereIsCommit(fx.clone, 'HEAD', deployedRevisionReports([state]));
    assert.deepEqual(where.environments.map((p) => [p.env, p.placement, p.behind]), [['prod', 'pending', 1]]);
  });

  it('keeps the deployed revision when kustomize cannot render the overlay: the drift is the render error, never a false drift (real kubectl kustomize)', async () => {
    requireKustomizeV5();
    fs.writeFileSync(path.join(fx.clone, '.youops/live/prod/REVISION'), `main@sha1:${first}\n`);
    writeFile(path.join(fx.clone, 'envs/prod/kustomization.yaml'), 'resources: [cm.yaml, gone.yaml]\n');
    const { config } = parseConfigText('version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live: { snapshot: .youops/live/prod }\n');
    const state = await evaluateEnvironment(config!.environments[0], config!, { rootDir: fx.clone, trusted: true });
    assert.equal(state.rendering?.status, 'failed');
    assert.equal(state.drift.status, 'Error');
    assert.match(state.drift.error!, /gone\.yaml/);
    assert.ok(state.drift.resources.every((r) => r.status === 'Unknown'), 'nothing compared against the unrendered files');
    assert.equal(describeRevision(state.revision!), `runs ${first.slice(0, 7)} — 1 commit behind main`);
  });

  it('takes a gitRef source’s ref as the deployed commit, and reads only revisions where it is cheap', async () => {
    fx.git(fx.clone, 'tag', 'deployed/prod', first);
    const provider = new GitRefProvider({ rootDir: fx.clone, ref: 'deployed/prod', manifests: ['envs/prod'] });
    assert.deepEqual((await provider.fetch({ resources: [] })).revision, { text: first, commit: first, ref: 'deployed/prod', from: 'Git ref "deployed/prod"' });
    const { config } = parseConfigText(`version: 1
environments:
  - { name: preview, manifests: envs/prod, live: { gitRef: { ref: deployed/prod } } }
  - { name: gone, manifests: envs/prod, live: { gitRef: { ref: deployed/gone } } }
  - { name: cluster, manifests: envs/prod, live: { kubectl: { context: kind-dev } } }
  - { name: nothing, manifests: envs/prod }
  - { name: script, manifests: envs/prod, live: { command: ["./export.sh"] } }
`);
    const reports = await readDeployedRevisions(config!.environments, { rootDir: fx.clone, trusted: false });
    assert.equal((reports[0].deployed as { commit: string }).commit, first);
    const reasons = reports.slice(1).map((r) => (r.deployed as Error).message);
    assert.deepEqual(reasons, [
      'Git ref "deployed/gone" does not exist in the local repository',
      'the kubectl live source runs a process: trust this workspace to use it',
      'it has no live source',
      'the command live source runs a process: trust this workspace to use it',
    ]);
    const trusted = await readDeployedRevisions([config!.environments[2]], { rootDir: fx.clone, trusted: true });
    assert.match((trusted[0].deployed as Error).message, /^a kubectl live source does not say which commit runs/);
  });
});
