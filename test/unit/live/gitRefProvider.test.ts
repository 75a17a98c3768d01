import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitRefProvider } from '../../../src/core/live/gitRefProvider';
import { LiveStateError } from '../../../src/core/live/provider';

function deployment(replicas: number): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: ${replicas}\n`;
}

function isLiveError(pattern: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof LiveStateError, `expected LiveStateError, got ${String(e)}`);
    assert.equal(e.provider, 'gitRef');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('GitRefProvider (real temp Git repository)', function () {
  this.timeout(20_000);
  let repo: string;
  /** youops.yaml lives in a subfolder, as in monorepos: paths map to the repository top. */
  let root: string;

  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  async function write(rel: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }

  beforeEach(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-gitref-'));
    root = path.join(repo, 'ops');
    git('init', '-q', '-b', 'main');
    await write('envs/prod/kustomization.yaml', 'resources:\n  - web.yaml\n  - ../../base\n');
    await write('envs/prod/web.yaml', deployment(2));
    await write('base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: "1"\n');
    await write('base/unlisted.txt', 'not a manifest');
    git('add', '-A');
    git('commit', '-q', '-m', 'deployed');
    git('tag', 'deployed/prod');
    // The working tree moves on: the tag keeps what was deployed.
    await write('envs/prod/web.yaml', deployment(5));
    await write('envs/prod/new.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n  namespace: shop\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'next');
  });
  afterEach(async () => {
    await fs.rm(repo, { recursive: true, force: true });
  });

  it('reads the manifests at a tag, following kustomization resources at that ref', async () => {
    const provider = new GitRefProvider({ rootDir: root, ref: 'deployed/prod', manifests: ['envs/prod'] });
    const state = await provider.fetch({ resources: [] });
    assert.equal(provider.name, 'gitRef');
    assert.equal(state.complete, true);
    assert.deepEqual(state.objects.map((o) => o.key), ['apps/v1/Deployment/shop/web', 'v1/ConfigMap/shop/cfg']);
    assert.equal((state.objects[0].object as { spec: { replicas: number } }).spec.replicas, 2);
  });

  it('reads branches and commits, and supports globs', async () => {
    git('branch', 'release', 'HEAD~1');
    const atBranch = await new GitRefProvider({ rootDir: root, ref: 'release', manifests: ['envs/**/*.yaml'] }).fetch({ resources: [] });
    assert.deepEqual(atBranch.objects.map((o) => o.id.name), ['web']); // kustomization.yaml itself is no resource
    const head = git('rev-parse', 'HEAD').trim();
    const atCommit = await new GitRefProvider({ rootDir: root, ref: head, manifests: ['envs/prod/web.yaml', 'envs/prod/new.yaml'] }).fetch({ resources: [] });
    assert.deepEqual(atCommit.objects.map((o) => o.id.name), ['web', 'new']);
    assert.equal((atCommit.objects[0].object as { spec: { replicas: number } }).spec.replicas, 5);
  });

  it('rejects an unknown ref, a path absent at the ref and an option-like ref clearly', async () => {
    await assert.rejects(new GitRefProvider({ rootDir: root, ref: 'no-such-tag', manifests: ['envs/prod'] }).fetch({ resources: [] }), isLiveError(/Git ref "no-such-tag" not found: no branch, tag or commit of that name/));
    await assert.rejects(new GitRefProvider({ rootDir: root, ref: 'deployed/prod', manifests: ['envs/prod/new.yaml'] }).fetch({ resources: [] }), isLiveError(/at Git ref "deployed\/prod", envs\/prod\/new.yaml: manifests path "envs\/prod\/new.yaml" does not exist/));
    await assert.rejects(new GitRefProvider({ rootDir: root, ref: '--output=/tmp/x', manifests: ['envs/prod'] }).fetch({ resources: [] }), isLiveError(/is not a valid Git ref/));
  });

  it('reports broken YAML at the ref with file and line instead of treating it as nothing deployed', async () => {
    await write('envs/prod/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n');
    git('commit', '-q', '-am', 'broken');
    await assert.rejects(new GitRefProvider({ rootDir: root, ref: 'HEAD', manifests: ['envs/prod'] }).fetch({ resources: [] }), isLiveError(/at Git ref "HEAD", envs\/prod\/web.yaml:\d+: YAML error in document 1/));
  });

  it('reports a folder outside any Git repository', async () => {
    const plain = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-nogit-'));
    try {
      await assert.rejects(new GitRefProvider({ rootDir: plain, ref: 'main', manifests: ['.'] }).fetch({ resources: [] }), isLiveError(/is not in a Git repository/));
    } finally {
      await fs.rm(plain, { recursive: true, force: true });
    }
  });
});
