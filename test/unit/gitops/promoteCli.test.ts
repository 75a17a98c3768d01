import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { PROMOTE_OPTIONS, promoteCommand } from '../../../src/cli/commands/promoteCommand';
import { parseArgs } from '../../../src/cli/parseArgs';
import { startFakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { createGitFixture, type GitFixture } from './gitFixture';
import { NEW_RESOURCES, NEW_RESOURCES_PROMOTED } from './newResourceTree';

async function cli(argv: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => (out += t.endsWith('\n') ? t : t + '\n'), err: (t: string) => (err += t + '\n') };
  const code = env ? await promoteCommand(parseArgs(argv, { ...PROMOTE_OPTIONS }), io, env) : await runCli(argv, io);
  return { code, out, err };
}

describe('youops promote (CLI)', function () {
  this.timeout(30_000);
  let fx: GitFixture;
  beforeEach(() => (fx = createGitFixture()));
  afterEach(() => fx.dispose());

  it('--dry-run prints a patch of the image tag that git apply takes, and changes nothing', async () => {
    const res = await cli(['promote', '--from', 'staging', '--to', 'prod', '--dry-run', '--cwd', fx.clone]);
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /^diff --git a\/envs\/prod\/web\.yaml b\/envs\/prod\/web\.yaml\n--- a\/envs\/prod\/web\.yaml\n\+\+\+ b\/envs\/prod\/web\.yaml\n@@ -19,7 \+19,7 @@\n/);
    assert.match(res.out, /\n-          image: ghcr\.io\/acme\/shop-web:1\.4\.1\n\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);
    assert.equal(fx.git(fx.clone, 'status', '--porcelain'), '');
    fs.writeFileSync(path.join(fx.root, 'p.patch'), res.out);
    fx.git(fx.clone, 'apply', '--check', path.join(fx.root, 'p.patch'));
  });

  it('--resource and --all select what is promoted; json output lists the changes', async () => {
    const res = await cli(['promote', '--to', 'prod', '--resource', 'deployment/api', '--all', '--dry-run', '--format', 'json', '--cwd', fx.clone]);
    assert.equal(res.code, 0, res.err);
    const json = JSON.parse(res.out) as { from: string; changes: Array<{ label: string; from: unknown; to: unknown; line: number }>; patch: string };
    assert.equal(json.from, 'staging');
    assert.deepEqual(json.changes.map((c) => [c.label, c.from, c.to, c.line]), [['Deployment api: spec.replicas', 2, 3, 11]]);
    assert.match(json.patch, /-  replicas: 3\n\+  replicas: 2\n/);
    const none = await cli(['promote', '--to', 'prod', '--resource', 'deployment/api', '--dry-run', '--cwd', fx.clone]);
    assert.equal(none.code, 1);
    assert.match(none.err, /no image or version differs between staging and prod; 1 other value\(s\) differ \(--all promotes them\)/);
  });

  it('--all --dry-run adds the resources only the source has as new-file diffs that git apply takes, byte for byte', async () => {
    const added = createGitFixture(NEW_RESOURCES);
    try {
      const res = await cli(['promote', '--to', 'prod', '--all', '--dry-run', '--cwd', added.clone]);
      assert.equal(res.code, 0, res.err);
      assert.match(res.out, /^diff --git a\/envs\/prod\/monitor\.yaml b\/envs\/prod\/monitor\.yaml\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/envs\/prod\/monitor\.yaml\n@@ -0,0 \+1,8 @@\n\+apiVersion: monitoring\.coreos\.com\/v1\n/m);
      fs.writeFileSync(path.join(added.root, 'p.patch'), res.out);
      added.git(added.clone, 'apply', '--check', path.join(added.root, 'p.patch'));
      added.git(added.clone, 'apply', path.join(added.root, 'p.patch'));
      for (const [file, text] of Object.entries(NEW_RESOURCES_PROMOTED)) {
        const expected = file === 'envs/prod/web.yaml' ? text.replace('replicas: 4', 'replicas: 2') : text;
        assert.equal(fs.readFileSync(path.join(added.clone, file), 'utf8'), expected, file);
      }
      const suggestedOnly = await cli(['promote', '--to', 'prod', '--dry-run', '--cwd', added.clone]);
      assert.equal(suggestedOnly.code, 1);
    } finally {
      added.dispose();
    }
  });

  it('pushes a branch and opens the PR with $GITHUB_TOKEN against $GITHUB_API_URL', async () => {
    const github = await startFakeGitHubServer({ tokens: ['ci-token'], repos: [{ owner: 'acme', name: 'shop' }] });
    try {
      const res = await cli(['promote', '--to', 'prod', '--cwd', fx.clone], { GITHUB_TOKEN: 'ci-token', GITHUB_API_URL: github.url });
      assert.equal(res.code, 0, res.err);
      const branch = /^pushed (youops\/promote-staging-to-prod-\d{8}-\d{6}) \([0-9a-f]{7}\) to origin$/m.exec(res.out)?.[1];
      assert.ok(branch, res.out);
      assert.match(fx.originFile(branch, 'envs/prod/web.yaml'), /shop-web:1\.4\.2/);
      assert.match(res.out, /^pull request #1: http:\/\/127\.0\.0\.1:\d+\/acme\/shop\/pull\/1$/m);
      assert.equal(github.repo('acme/shop').issues[0].pull?.head, branch);
    } finally {
      await github.close();
    }
  });

  it('reports a failed label step instead of staying silent (issue 14)', async () => {
    const github = await startFakeGitHubServer({ tokens: ['ci-token'], repos: [{ owner: 'acme', name: 'shop' }] });
    try {
      github.inject({ status: 403, match: /^POST .*\/labels$/ });
      const res = await cli(['promote', '--to', 'prod', '--cwd', fx.clone], { GITHUB_TOKEN: 'ci-token', GITHUB_API_URL: github.url });
      assert.equal(res.code, 0, res.err);
      assert.match(res.out, /^pull request #1: /m);
      assert.match(res.err, /^youops: warning: the pull request's labels were not added: No permission for .*403/m);
    } finally {
      await github.close();
    }
  });

  it('without a token pushes and prints where to open the PR; bad input exits 2 with the reason', async () => {
    const res = await cli(['promote', '--to', 'prod', '--cwd', fx.clone], {});
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /^next: open https:\/\/github\.com\/acme\/shop\/compare\/main\.\.\.youops\/promote-staging-to-prod-\d{8}-\d{6}\?expand=1$/m);
    fx.git(fx.clone, 'checkout', '-q', '--detach');
    const detached = await cli(['promote', '--to', 'prod', '--cwd', fx.clone], {});
    assert.equal(detached.code, 2);
    assert.match(detached.err, /HEAD is detached/);
    const usage = await cli(['promote', '--cwd', fx.clone]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /promote needs --to ENV/);
    const foreign = await cli(['envs', '--to', 'prod', '--cwd', fx.clone]);
    assert.equal(foreign.code, 2);
    assert.match(foreign.err, /unknown option --to for envs/);
  });

  it('never sends $GITHUB_TOKEN to a host taken from origin (issue 14): pushes, explains, and prints where to open the PR', async () => {
    // A TCP listener on a loopback address's https port stands in for the host a hostile origin
    // names (the API URL derived from origin has no port); it records every connection.
    const connections: string[] = [];
    const trap = net.createServer((s) => (connections.push('connected'), s.destroy()));
    const host = '127.14.14.14';
    await new Promise<void>((r) => trap.listen(443, host, r));
    try {
      fx.git(fx.clone, 'remote', 'set-url', 'origin', `https://${host}/acme/shop.git`);
      fx.git(fx.clone, 'config', `url.${fx.bare}.insteadOf`, `https://${host}/acme/shop.git`);
      const res = await cli(['promote', '--to', 'prod', '--cwd', fx.clone], { GITHUB_TOKEN: 'ghp_secret' });
      assert.equal(res.code, 0, res.err);
      assert.match(res.err, new RegExp(`no pull request opened: acme/shop is on ${host.replace(/\./g, '\\.')}, but without \\$GITHUB_API_URL the token goes only to github\\.com`));
      assert.match(res.out, new RegExp(`^next: open https://${host.replace(/\./g, '\\.')}/acme/shop/compare/main\\.\\.\\.youops/promote-`, 'm'));
      assert.deepEqual(connections, []);
    } finally {
      trap.close();
    }
  });
});
