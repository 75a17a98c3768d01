import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { writeTrapScript } from '../../host/trapScript';

function deployment(replicas: number): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: ${replicas}\n`;
}

describe('evaluateEnvironment with an environment branch (real temp Git repository)', function () {
  this.timeout(20_000);
  let repo: string;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  const config = (env: string): YouOpsConfig => {
    const r = parseConfigText(`version: 1\nenvironments:\n  - ${env}\n`);
    assert.deepEqual(r.problems, []);
    return r.config!;
  };
  const evaluate = (c: YouOpsConfig) => evaluateEnvironment(c.environments[0], c, { rootDir: repo, trusted: false });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-envbranch-'));
    git('init', '-q', '-b', 'main');
    write('README.md', 'ops\n');
    git('add', '-A');
    git('commit', '-qm', 'init');
    // prod's desired state lives only on its branch: the working tree (main) has no envs/prod.
    git('checkout', '-q', '-b', 'prod');
    write('envs/prod/web.yaml', deployment(3));
    git('add', '-A');
    git('commit', '-qm', 'prod: 3 replicas');
    git('checkout', '-q', 'main');
    // What is running, exported untracked into the working tree.
    write('live/prod/web.yaml', deployment(3));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reads the desired manifests from the branch, with its history, without the files in the working tree', async () => {
    const state = await evaluate(config('{ name: prod, manifests: envs/prod, branch: prod, live: { snapshot: live/prod } }'));
    assert.equal(state.drift.status, 'InSync', state.drift.error);
    assert.deepEqual(state.drift.resources.map((r) => r.key), ['apps/v1/Deployment/shop/web']);
    const file = state.drift.resources[0].resource!.file;
    // Working-tree path, absent from the working tree: editor surfaces skip it (desiredRef is set).
    assert.equal(file, path.join(repo, 'envs/prod/web.yaml'));
    assert.equal(fs.existsSync(file), false);
    assert.equal(state.drift.resources[0].resource!.fields.get('/spec/replicas')!.valueRange.start.line, 6);
    assert.deepEqual(state.desiredRef, { branch: 'prod', ref: 'refs/heads/prod', commit: git('rev-parse', 'prod').trim() });
    assert.equal(state.branch, 'prod');
    assert.deepEqual(state.history.map((c) => c.subject), ['prod: 3 replicas']);
  });

  it("prefers origin's copy of the branch, which is what gets deployed", async () => {
    git('checkout', '-q', 'prod');
    write('envs/prod/web.yaml', deployment(5));
    git('commit', '-qam', 'prod: 5 replicas');
    git('update-ref', 'refs/remotes/origin/prod', 'HEAD');
    git('reset', '-q', '--hard', 'HEAD~1'); // the local branch lags behind origin
    git('checkout', '-q', 'main');
    const state = await evaluate(config('{ name: prod, manifests: envs/prod, branch: prod, live: { snapshot: live/prod } }'));
    assert.equal(state.desiredRef?.ref, 'refs/remotes/origin/prod');
    assert.deepEqual(state.drift.resources[0].fields.map((f) => [f.path, f.desired, f.live]), [['/spec/replicas', 5, 3]]);
  });

  it('reads the working tree, uncommitted edits included, when the branch is checked out', async () => {
    git('checkout', '-q', 'prod');
    write('envs/prod/web.yaml', deployment(4)); // not committed
    const state = await evaluate(config('{ name: prod, manifests: envs/prod, branch: prod, live: { snapshot: live/prod } }'));
    assert.equal(state.desiredRef, undefined);
    assert.deepEqual(state.drift.resources[0].fields.map((f) => [f.path, f.desired, f.live]), [['/spec/replicas', 4, 3]]);
  });

  it('shows an unknown branch as the environment error instead of everything missing', async () => {
    const state = await evaluate(config('{ name: prod, manifests: envs/prod, branch: nope, live: { snapshot: live/prod } }'));
    assert.equal(state.drift.status, 'Error');
    assert.match(state.drift.error!, /^cannot read the desired state on branch "nope": Git ref "refs\/remotes\/origin\/nope" or "refs\/heads\/nope" or "nope" not found/);
    assert.deepEqual(state.drift.resources, []);
    assert.equal(state.desiredRef, undefined);
  });

  it("never lets the repository's config start a program, even for a blob missing in a partial clone", async () => {
    // A hostile folder: a partial clone whose promisor remote goes through a trap ssh command.
    const marker = path.join(repo, 'ran-ssh');
    const oid = git('rev-parse', 'prod:envs/prod/web.yaml').trim();
    fs.rmSync(path.join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    git('config', 'core.repositoryformatversion', '1');
    git('config', 'extensions.partialClone', 'origin');
    git('config', 'remote.origin.url', 'ssh://example.invalid/ops');
    git('config', 'remote.origin.promisor', 'true');
    git('config', 'protocol.ssh.allow', 'always');
    git('config', 'core.sshCommand', writeTrapScript(path.join(repo, '.git', 'traps', 'ssh.sh'), marker));
    git('config', 'core.fsmonitor', writeTrapScript(path.join(repo, '.git', 'traps', 'fsmonitor.sh'), marker));

    const state = await evaluate(config('{ name: prod, manifests: envs/prod, branch: prod, live: { snapshot: live/prod } }'));
    assert.equal(fs.existsSync(marker), false, 'a program from .git/config ran');
    assert.ok(state.desiredRef);
    const error = state.manifestErrors.find((e) => e.severity === 'error');
    assert.match(error?.message ?? '', /cannot read envs\/prod\/web.yaml at [0-9a-f]{12}: this repository is a partial clone and Git has not downloaded the files this needs/, JSON.stringify(state.manifestErrors));

    // (control) plain git does run the trap for that blob.
    assert.throws(() => git('cat-file', 'blob', oid));
    assert.equal(fs.existsSync(marker), true);
  });
});
