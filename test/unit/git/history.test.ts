import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitPatch, currentBranch, recentCommits } from '../../../src/core/git/history';
import { plantGitTraps } from '../../host/gitTraps';

describe('Git history in a folder whose own .git/config names programs', () => {
  let repo: string;
  let markers: { gpg: string; textconv: string };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-history-'));
    git('init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(repo, 'envs/prod'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'envs/prod/web.yaml'), 'replicas: 2\n');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'prod: web');
    fs.writeFileSync(path.join(repo, 'envs/prod/web.yaml'), 'replicas: 3\n');
    git('add', '-A');
    markers = { gpg: path.join(repo, 'ran-gpg'), textconv: path.join(repo, 'ran-textconv') };
    plantGitTraps(repo, markers, path.join(repo, '.git', 'traps'), 'prod: scale web (signed)');
  });

  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('lists a signed commit without running gpg.program (log.showSignature)', async () => {
    const commits = await recentCommits(repo, ['envs/prod']);
    assert.deepEqual(commits.map((c) => c.subject), ['prod: scale web (signed)', 'prod: web']);
    assert.equal(fs.existsSync(markers.gpg), false);
  });

  it('shows the raw patch without running the textconv driver', async () => {
    const [head] = await recentCommits(repo, ['envs/prod']);
    const patch = await commitPatch(repo, head.hash, ['envs/prod']);
    assert.match(patch, /-replicas: 2\n\+replicas: 3\n/);
    assert.equal(fs.existsSync(markers.textconv), false);
    assert.equal(fs.existsSync(markers.gpg), false);
  });

  it('(control) plain git log and git show do run them', () => {
    git('log', '--format=%H', '--', 'envs/prod');
    git('show', '--format=%H', 'HEAD', '--', 'envs/prod');
    assert.equal(fs.existsSync(markers.gpg), true);
    assert.equal(fs.existsSync(markers.textconv), true);
  });

  it('answers environments asking at once with one git process, and asks again afterwards (a checkout meanwhile is seen)', async () => {
    const pending = Array.from({ length: 20 }, () => currentBranch(repo));
    assert.equal(new Set(pending).size, 1, 'one question in flight');
    assert.deepEqual(await Promise.all(pending), Array(20).fill('main'));
    git('checkout', '-q', '-b', 'feature');
    assert.equal(await currentBranch(repo), 'feature');
  });
});
