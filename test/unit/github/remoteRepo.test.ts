import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { remoteRepo } from '../../../src/core/github/remoteRepo';

describe('remoteRepo (real git in a temp folder)', () => {
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
    assert.deepEqual(await remoteRepo(dir), { owner: 'platform', repo: 'requests', host: 'github.example.com' });
  });

  it('uses the only remote when there is no origin', async () => {
    git('init', '-q');
    git('remote', 'add', 'gh', 'https://github.com/acme/shop-ops.git');
    assert.deepEqual(await remoteRepo(dir), { owner: 'acme', repo: 'shop-ops', host: 'github.com' });
  });

  it('gives undefined without remotes or outside Git', async () => {
    assert.equal(await remoteRepo(dir), undefined);
    git('init', '-q');
    assert.equal(await remoteRepo(dir), undefined);
  });

  it('reads the configured URL, not the one url.*.insteadOf rewrites it to (mirrors, test origins)', async () => {
    git('init', '-q');
    git('remote', 'add', 'origin', 'https://github.com/acme/shop.git');
    git('config', 'url./srv/mirror/shop.git.insteadOf', 'https://github.com/acme/shop.git');
    assert.deepEqual(await remoteRepo(dir), { owner: 'acme', repo: 'shop', host: 'github.com' });
  });
});
