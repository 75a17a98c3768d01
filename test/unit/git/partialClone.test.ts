import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitPatch } from '../../../src/core/git/history';
import { GitRefProvider } from '../../../src/core/live/gitRefProvider';

describe('partial clones (real Git: a blobless clone of a local bare repository; issue 14)', function () {
  this.timeout(30_000);
  let root: string;
  let clone: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-partial-'));
    const seed = path.join(root, 'seed');
    fs.mkdirSync(path.join(seed, 'envs'), { recursive: true });
    git(root, 'init', '-q', '-b', 'main', seed);
    fs.writeFileSync(path.join(seed, 'envs', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\ndata: { v: "1" }\n');
    git(seed, 'add', '.');
    git(seed, 'commit', '-qm', 'one');
    git(seed, 'tag', 'deployed');
    fs.writeFileSync(path.join(seed, 'envs', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\ndata: { v: "2" }\n');
    git(seed, 'commit', '-qam', 'two');
    git(root, 'clone', '-q', '--bare', seed, path.join(root, 'origin.git'));
    git(path.join(root, 'origin.git'), 'config', 'uploadpack.allowFilter', 'true');
    clone = path.join(root, 'clone');
    git(root, 'clone', '-q', '--filter=blob:none', `file://${path.join(root, 'origin.git')}`, clone);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('explains a missing object instead of printing git’s whole command line', async () => {
    const first = git(clone, 'rev-parse', 'deployed').trim();
    const patchError = await commitPatch(clone, first, ['envs']).catch((e: Error) => e);
    assert.ok(patchError instanceof Error);
    assert.match(patchError.message, /^git show: this repository is a partial clone and Git has not downloaded the files this needs/);
    assert.match(patchError.message, /fetch --refetch origin/);
    assert.doesNotMatch(patchError.message, /Command failed|-c protocol/);

    const live = await new GitRefProvider({ rootDir: clone, ref: 'deployed', manifests: ['envs'] }).fetch({ resources: [] }).catch((e: Error) => e);
    assert.ok(live instanceof Error);
    assert.match(live.message, /partial clone/);
    assert.doesNotMatch(live.message, /Command failed|-c protocol/);
  });
});
