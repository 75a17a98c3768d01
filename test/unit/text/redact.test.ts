import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog } from '../../../src/core/chatops/auditLog';
import { ChatOpsSender } from '../../../src/core/chatops/chatOpsSender';
import { compilePatterns } from '../../../src/core/chatops/feedback';
import { HttpTransport } from '../../../src/core/chatops/transports/httpTransport';
import { toGitHubError } from '../../../src/core/github/githubError';
import { ArgoCdProvider } from '../../../src/core/live/argocdProvider';
import { redactSecrets } from '../../../src/core/text/redact';
import { listenOnLoopback, type LoopbackListener } from '../../fake-servers/httpServer';

const GITHUB_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0'.repeat(2);
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redaction of server text (issue 14)', () => {
  it('replaces known secrets and token-shaped strings', () => {
    assert.equal(redactSecrets('token plain-secret-value rejected', ['plain-secret-value']), 'token [redacted] rejected');
    assert.equal(redactSecrets(`bad credentials ${GITHUB_TOKEN}`), 'bad credentials [redacted]');
    assert.equal(redactSecrets(`invalid_auth for ${SLACK_TOKEN}`), 'invalid_auth for [redacted]');
    assert.equal(redactSecrets(`session ${JWT} expired`), 'session [redacted] expired');
    assert.equal(redactSecrets('remote: https://x-access-token:s3cr3tvalue@github.com/acme/shop.git'), 'remote: https://[redacted]@github.com/acme/shop.git');
    assert.equal(redactSecrets('posted to https://hooks.slack.com/services/T000/B000/XXXXXXXX'), 'posted to https://hooks.slack.com/services/[redacted]');
    assert.equal(redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz'), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('deployed web 1.4.2 to prod'), 'deployed web 1.4.2 to prod');
  });

  it('GitHub errors never carry a token GitHub echoed', () => {
    const err = toGitHubError({ status: 422, response: { status: 422, headers: {}, data: { message: `Validation failed for ${GITHUB_TOKEN}` } } }, 'acme/shop');
    assert.doesNotMatch(err.message, /ghp_/);
    assert.match(err.message, /Validation failed for \[redacted\]/);
  });

  describe('against loopback servers that echo what they were sent', () => {
    let listener: LoopbackListener;
    let url: string;
    beforeEach(async () => {
      const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          if (req.url?.startsWith('/api/v1/applications')) {
            // An Argo CD (or proxy) error page that quotes the Authorization header.
            res.writeHead(502, { 'Content-Type': 'text/plain' });
            return res.end(`bad gateway for ${req.headers.authorization}`);
          }
          if (req.url === '/fail') {
            res.writeHead(500, { 'Content-Type': 'text/plain' });
            return res.end(`hubot crashed on ${body} using ${SLACK_TOKEN}`);
          }
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ replies: [{ author: 'hubot', text: `deployed, my token is ${SLACK_TOKEN}` }] }));
        });
      });
      listener = await listenOnLoopback(server);
      url = `http://127.0.0.1:${listener.port}`;
    });
    afterEach(() => listener.close());

    it('Argo CD: the token we sent is not in the error', async () => {
      const provider = new ArgoCdProvider({ server: url, app: 'shop', getToken: async () => 'argocd-session-token-1234' });
      const err = await provider.fetch({ resources: [] }).catch((e: Error) => e);
      assert.ok(err instanceof Error);
      assert.match(err.message, /answered HTTP 502: bad gateway for Bearer \[redacted\]/);
      assert.doesNotMatch(err.message, /argocd-session-token-1234/);
    });

    it('ChatOps: bot replies and error bodies are redacted in the result and the audit log', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-redact-'));
      const audit = new AuditLog(path.join(dir, 'audit.jsonl'));
      const sender = new ChatOpsSender({ audit, user: 'ada', isTrusted: () => true });
      const patterns = compilePatterns(undefined, undefined).patterns;
      const ok = await sender.send({ transport: new HttpTransport(`${url}/bot`, 'ada', 5000), text: 'deploy web', patterns, followMs: 0 });
      assert.equal(ok.replies[0].text, 'deployed, my token is [redacted]');
      const failed = await sender.send({ transport: new HttpTransport(`${url}/fail`, 'ada', 5000), text: 'deploy api', patterns, followMs: 0 });
      assert.equal(failed.status, 'error');
      assert.match(failed.error ?? '', /the bot answered HTTP 500: hubot crashed on .* using \[redacted\]/);
      const log = await fs.readFile(audit.file, 'utf8');
      assert.doesNotMatch(log, /xoxb-/);
      assert.match(log, /\[redacted\]/);
      await fs.rm(dir, { recursive: true, force: true });
    });
  });
});
