import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPTS = path.join(ROOT, 'scripts');

function bash(script: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stderr: r.stderr };
}

describe('first run: the setup scripts say what they do (real bash)', function () {
  this.timeout(20_000);
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-setup-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a long step prints what it does and how long it usually takes, that it is still running, then how long it took', () => {
    const log = path.join(tmp, 'step.log');
    const r = bash(`source scripts/progress.sh; run_step "installing things" "about 2 s" ${log} bash -c 'echo noisy output; sleep 2.5'`, {
      YOUOPS_PROGRESS_SECONDS: '1',
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines[0], 'youops: installing things (about 2 s)…');
    assert.ok(
      lines.some((l) => /^youops: {3}… still installing things \(\d+ s; log: .*step\.log\)$/.test(l)),
      r.stderr,
    );
    assert.match(lines.at(-1)!, /^youops: installing things: done in \d+ s$/);
    assert.doesNotMatch(r.stderr, /noisy output/, "the command's own output goes to the log");
    assert.equal(fs.readFileSync(log, 'utf8'), 'noisy output\n');
  });

  it('a failed step prints the end of its log, where the whole log is, and fails with the command status', () => {
    const log = path.join(tmp, 'step.log');
    const r = bash(`source scripts/progress.sh; run_step "building" "a moment" ${log} bash -c 'echo "gyp ERR! not ok"; exit 7'`);
    assert.equal(r.status, 7);
    assert.match(r.stderr, /gyp ERR! not ok\nyouops: building failed \(exit 7; full log: .*step\.log\)\n$/);
  });

  it('without root, the system-packages check prints the one line to run instead of installing (fresh machine: no chromium, ripgrep, git or kubectl on PATH)', () => {
    // A PATH with only what the check itself needs, and an `id` that is not root.
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    for (const tool of ['grep', 'dirname', 'seq', 'sleep']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      fs.symlinkSync(found, path.join(bin, tool));
    }
    fs.writeFileSync(path.join(bin, 'id'), '#!/bin/sh\necho 1000\n', { mode: 0o755 });
    const r = spawnSync('/bin/bash', [path.join(SCRIPTS, 'system-packages.sh')], {
      encoding: 'utf8',
      env: { PATH: bin, HOME: tmp },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^youops: some system packages are missing; install them, then run the command again:\n/);
    assert.match(r.stderr, /\n {2}sudo apt-get update && sudo apt-get install -y chromium (fonts-noto-color-emoji )?(libkrb5-dev )?ripgrep git\n/);
    assert.match(
      r.stderr,
      /\n {2}kubectl ≥ 1\.27 \(kustomize v5\): your distribution's, or sudo bash scripts\/system-packages\.sh installs kubectl 1\.32\.3\n$/,
    );
  });

  it('on a machine that has everything, the check is silent and succeeds', () => {
    const r = bash('bash scripts/system-packages.sh');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
