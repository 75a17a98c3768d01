import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectRepoFromGit } from '../../../src/core/github/detectRepo';

describe('detectRepoFromGit (real git in a temp folder)', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-remote-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads the origin remote (ssh form)', async () => {
    git('init', '-q');
    git('remote', 'add', 'upstream', 'https://github.com/other/fork.git');
    git('remote', 'add', 'origin', 'git@github.example.com:platform/requests.git');
    assert.deepEqual(await detectRepoFromGit(dir), { owner: 'platform', repo: 'requests', host: 'github.example.com' });
  });

  it('uses the only remote when there is no origin', async () => {
    git('init', '-q');
    git('remote', 'add', 'gh', 'https://github.com/acme/shop-ops.git');
    assert.deepEqual(await detectRepoFromGit(dir), { owner: 'acme', repo: 'shop-ops', host: 'github.com' });
  });

  it('gives undefined without remotes or outside Git', async () => {
    assert.equal(await detectRepoFromGit(dir), undefined);
    git('init', '-q');
    assert.equal(await detectRepoFromGit(dir), undefined);
  });
});
