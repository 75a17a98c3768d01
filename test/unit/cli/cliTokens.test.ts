import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { argocdTokenFor, cliGitHubAccess } from '../../../src/cli/cliTokens';
import { runCliCaptured } from './runCliCaptured';

const run = runCliCaptured;

describe('CLI tokens go only to their own hosts (issue 14)', () => {
  it('$GITHUB_TOKEN: github.com, or $GITHUB_API_URL when set; never a host from origin', () => {
    const token = { GITHUB_TOKEN: 't' };
    assert.deepEqual(cliGitHubAccess(token, { host: 'github.com', owner: 'a', repo: 'b' }), { ok: true, token: 't', baseUrl: 'https://api.github.com', host: 'github.com' });
    assert.deepEqual(cliGitHubAccess({ ...token, GITHUB_API_URL: 'https://ghe.example.com/api/v3' }, { host: 'ghe.example.com', owner: 'a', repo: 'b' }), {
      ok: true,
      token: 't',
      baseUrl: 'https://ghe.example.com/api/v3',
      host: 'ghe.example.com',
    });
    const refused = cliGitHubAccess(token, { host: 'evil.example.com', owner: 'a', repo: 'b' });
    assert.ok(!refused.ok);
    assert.match(refused.reason, /a\/b is on evil\.example\.com, but without \$GITHUB_API_URL the token goes only to github\.com/);
  });

  it('$ARGOCD_AUTH_TOKEN: only over https (loopback excepted), and only to $ARGOCD_SERVER when it pins one', () => {
    const env = { ARGOCD_AUTH_TOKEN: 't' };
    assert.equal(argocdTokenFor('https://argocd.example.com', env), 't');
    assert.equal(argocdTokenFor('argocd.example.com', env), 't');
    assert.equal(argocdTokenFor('http://127.0.0.1:8080', env), 't');
    assert.throws(() => argocdTokenFor('http://argocd.example.com', env), /not sent over plain http to argocd\.example\.com: use https/);
    const pinned = { ...env, ARGOCD_SERVER: 'argocd.example.com:443' };
    assert.equal(argocdTokenFor('https://argocd.example.com/', pinned), 't');
    assert.throws(() => argocdTokenFor('https://collector.example.net', pinned), /pinned to \$ARGOCD_SERVER \(argocd\.example\.com:443\); youops\.yaml names collector\.example\.net/);
    assert.equal(argocdTokenFor('https://x', {}), undefined);
  });

  describe('drift and envs against a repository that names another server', () => {
    let dir: string;
    let trap: net.Server;
    let connections: number;
    const saved = { ...process.env };
    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-tokens-'));
      connections = 0;
      trap = net.createServer((s) => (connections++, s.destroy()));
      await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
      fs.mkdirSync(path.join(dir, 'envs'));
      fs.writeFileSync(path.join(dir, 'envs', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\n');
    });
    afterEach(() => {
      process.env = { ...saved };
      trap.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('does not send $ARGOCD_AUTH_TOKEN to a server other than $ARGOCD_SERVER (a loopback listener records connections)', async () => {
      const port = (trap.address() as net.AddressInfo).port;
      fs.writeFileSync(path.join(dir, 'youops.yaml'), `version: 1\nenvironments:\n  - name: prod\n    manifests: envs\n    live: { argocd: { server: "http://127.0.0.1:${port}", app: shop } }\n`);
      process.env.ARGOCD_AUTH_TOKEN = 'argocd-secret';
      process.env.ARGOCD_SERVER = 'argocd.example.com';
      const r = await run(['drift', '--cwd', dir]);
      assert.equal(r.code, 1);
      assert.match(r.out, /prod: Error/);
      assert.match(r.out, /pinned to \$ARGOCD_SERVER \(argocd\.example\.com\); youops\.yaml names 127\.0\.0\.1:\d+, so the token is not sent there/);
      assert.equal(connections, 0);
    });

    it('--untrusted runs no command live source and sends no token', async () => {
      const marker = path.join(dir, 'ran');
      fs.writeFileSync(path.join(dir, 'youops.yaml'), `version: 1\nenvironments:\n  - name: dev\n    manifests: envs\n    live: { command: ["sh", "-c", "touch ${marker}"] }\n`);
      for (const command of ['drift', 'envs']) {
        const r = await run([command, '--cwd', dir, '--untrusted']);
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.out, /the command live source runs a process: trust this workspace to use it/);
      }
      assert.equal(fs.existsSync(marker), false);
    });
  });
});
