import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured } from './runCliCaptured';

const ROOT = path.resolve(__dirname, '../../../..');
const DEMO = path.join(ROOT, 'examples', 'demo');

const run = runCliCaptured;

describe('youops CLI', () => {
  it('prints help and version with exit 0, and usage errors with exit 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: youops <command>/);
    assert.match(help.out, /Exit codes: 0 ok, 1 findings, 2 usage or config error/);
    const version = await run(['--version']);
    assert.equal(version.out.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    assert.equal((await run([])).code, 2);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command "frobnicate"/);
    const badOption = await run(['envs', '--nope']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.err, /unknown option --nope/);
    assert.match((await run(['envs', '--format', 'xml'])).err, /--format must be/);
    assert.match((await run(['help', 'envs'])).out, /youops envs/);
  });

  it('envs: reports each demo environment and exits 1 because prod drifted', async () => {
    const r = await run(['envs', '--cwd', DEMO]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0], /^dev\s+InSync\s+5 InSync$/);
    assert.match(lines[1], /^staging\s+Drifted\s+4 InSync, 1 Missing$/);
    assert.match(lines[2], /^prod\s+Drifted\s+2 InSync, 3 Drifted, 1 Extra$/);
  });

  it('envs --format json: machine-readable status per environment', async () => {
    const r = await run(['envs', '--cwd', DEMO, '--format', 'json']);
    const json = JSON.parse(r.out) as { environments: Array<{ name: string; status: string; counts: Record<string, number>; protected: boolean; live: string }> };
    assert.deepEqual(json.environments.map((e) => [e.name, e.status, e.live, e.protected]), [
      ['dev', 'InSync', 'snapshot', false],
      ['staging', 'Drifted', 'snapshot', false],
      ['prod', 'Drifted', 'snapshot', true],
    ]);
    assert.equal(json.environments[2].counts.Drifted, 3);
  });

  it('exits 2 with file:line:column when the config is invalid, and 0 when all is in sync', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cli-'));
    fs.writeFileSync(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: dev\n    manifest: envs\n');
    const bad = await run(['envs', '--cwd', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /youops\.yaml:4:5: error: environments\[0\]: unknown field "manifest"/);
    fs.writeFileSync(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: dev\n    manifests: envs/dev\n    live: { snapshot: live }\n');
    fs.mkdirSync(path.join(dir, 'envs/dev'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'live'));
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\ndata: { k: v }\n';
    fs.writeFileSync(path.join(dir, 'envs/dev/cm.yaml'), cm);
    const live = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x, uid: 1f2e, resourceVersion: "7" }\ndata: { k: v }\n';
    fs.writeFileSync(path.join(dir, 'live/cm.yaml'), live);
    const ok = await run(['envs', '--cwd', dir]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /^dev\s+InSync\s+1 InSync$/m);
    assert.equal((await run(['envs', '--cwd', path.join(dir, 'envs')])).code, 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('envs and drift: a manifest that fails to parse makes the environment Error with exit 1, not InSync', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cli-'));
    fs.writeFileSync(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: dev\n    manifests: envs\n    live: { snapshot: live }\n');
    fs.mkdirSync(path.join(dir, 'envs'));
    fs.mkdirSync(path.join(dir, 'live'));
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\ndata: { k: v }\n';
    fs.writeFileSync(path.join(dir, 'envs/cm.yaml'), cm);
    fs.writeFileSync(path.join(dir, 'live/cm.yaml'), cm);
    fs.writeFileSync(path.join(dir, 'envs/broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b\n');
    const envs = await run(['envs', '--cwd', dir]);
    assert.equal(envs.code, 1, envs.out);
    assert.match(envs.out, /^dev\s+Error\s+manifest error: envs\/broken\.yaml:\d+: /m);
    const json = JSON.parse((await run(['envs', '--cwd', dir, '--format', 'json'])).out) as { environments: Array<{ status: string; error: string }> };
    assert.equal(json.environments[0].status, 'Error');
    assert.match(json.environments[0].error, /broken\.yaml/);
    const drift = await run(['drift', '--cwd', dir]);
    assert.equal(drift.code, 1);
    assert.match(drift.out, /^dev: Error/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs as a real process from dist/cli.js (the bundled bin)', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'envs', '--format', 'json'], { cwd: DEMO, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { environments: unknown[] }).environments.length, 3);
    assert.ok(fs.readFileSync(path.join(ROOT, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node'));
  });
});
