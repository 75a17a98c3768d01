import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { createSchemaFetcher, httpFetcher, isPublicAddress } from '../../../src/core/validation/schemaFetcher';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';
import { listenOnLoopback, type LoopbackListener } from '../../fake-servers/httpServer';

const SCHEMA = JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } });
const ECHO = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789 SERVER-SECRET';

/** A loopback schema server (stands in for a schema host; nothing else can run here) that records each request. */
async function schemaServer(): Promise<{ url: string; port: number; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  let listener: LoopbackListener | undefined;
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route: Record<string, () => void> = {
      '/ok.json': () => (res.writeHead(200, { 'Content-Type': 'application/schema+json' }), res.end(SCHEMA)),
      '/raw.json': () => (res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }), res.end(SCHEMA)),
      '/same-host': () => (res.writeHead(302, { Location: '/ok.json' }), res.end()),
      '/other-host': () => (res.writeHead(302, { Location: `http://localhost:${listener!.port}/ok.json` }), res.end()),
      '/html': () => (res.writeHead(200, { 'Content-Type': 'text/html' }), res.end(`<html>${ECHO}</html>`)),
      '/bad-json': () => (res.writeHead(200, { 'Content-Type': 'application/json' }), res.end(`{"x": ${ECHO}`)),
      '/error': () => (res.writeHead(500, { 'Content-Type': 'text/plain' }), res.end(ECHO)),
    };
    (route[req.url ?? ''] ?? (() => (res.writeHead(404), res.end(ECHO))))();
  });
  listener = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${listener.port}`, port: listener.port, requests, close: () => listener!.close() };
}

describe('validate: modeline and association schema URLs are fetched guarded (issue 14)', () => {
  let server: Awaited<ReturnType<typeof schemaServer>>;
  beforeEach(async () => {
    server = await schemaServer();
  });
  afterEach(() => server.close());

  it('sends nothing to loopback, private or link-local addresses by default, by literal or by name', async () => {
    await assert.rejects(httpFetcher(`${server.url}/ok.json`), /127\.0\.0\.1 is a private or local address/);
    await assert.rejects(httpFetcher(`http://localhost:${server.port}/ok.json`), /localhost is a private or local address \((127\.0\.0\.1|::1)\)/);
    await assert.rejects(httpFetcher('http://169.254.169.254/latest/meta-data/'), /private or local address/);
    await assert.rejects(httpFetcher('http://[::1]:1/x.json'), /private or local address/);
    assert.deepEqual(server.requests, []);
  });

  it('tells public from non-public addresses', () => {
    for (const a of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '127.0.0.2', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      assert.equal(isPublicAddress(a), false, a);
    }
    for (const a of ['8.8.8.8', '140.82.112.3', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(a), true, a);
  });

  it('when private hosts are allowed: fetches JSON (text/plain too), follows same-host redirects, refuses other hosts', async () => {
    const fetcher = createSchemaFetcher({ allowPrivateHosts: true });
    assert.equal(await fetcher(`${server.url}/ok.json`), SCHEMA);
    assert.equal(await fetcher(`${server.url}/raw.json`), SCHEMA);
    assert.equal(await fetcher(`${server.url}/same-host`), SCHEMA);
    await assert.rejects(fetcher(`${server.url}/other-host`), new RegExp(`redirected to another host \\(localhost:${server.port}\\); not followed`));
    assert.deepEqual(server.requests, ['/ok.json', '/raw.json', '/same-host', '/ok.json', '/other-host']);
  });

  it('accepts only JSON and never repeats what the server said', async () => {
    const fetcher = createSchemaFetcher({ allowPrivateHosts: true });
    const messages = [];
    for (const route of ['/html', '/bad-json', '/error', '/missing']) messages.push(await fetcher(`${server.url}${route}`).then(() => 'fetched', (e: Error) => e.message));
    assert.deepEqual(messages, ['the server answered text/html, not JSON', 'the response is not valid JSON', 'HTTP 500', 'HTTP 404']);
    // The same through the store: a fetcher that returns a non-JSON body is not quoted either.
    const store = new SchemaStore({ fetcher: async () => `<html>${ECHO}</html>`, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'youops-fetch-')) });
    const r = await validateText('# yaml-language-server: $schema=https://schemas.example.com/x.json\na: 1\n', { fileName: '/tmp/x.yaml' }, store);
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /the response is not valid JSON/);
    assert.doesNotMatch(r.diagnostics[0].message, /SERVER-SECRET|ghp_/);
  });

  it('youops validate --format sarif: a modeline to a loopback host is refused, and allowed by the flag; server text never in SARIF', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-fetch-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), `# yaml-language-server: $schema=${server.url}/ok.json\nreplicas: three\n`);
    fs.writeFileSync(path.join(dir, 'b.yaml'), `# yaml-language-server: $schema=${server.url}/bad-json\nreplicas: 1\n`);
    process.env.YOUOPS_SCHEMA_CACHE = path.join(dir, 'cache');
    const run = async (argv: string[]) => {
      let out = '';
      const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (out += t) });
      return { code, out };
    };
    try {
      const refused = await run(['validate', '--cwd', dir, '--format', 'sarif']);
      assert.match(refused.out, /127\.0\.0\.1 is a private or local address/);
      assert.deepEqual(server.requests, []);
      const allowed = await run(['validate', '--cwd', dir, '--format', 'sarif', '--allow-private-schema-hosts']);
      assert.equal(allowed.code, 1);
      assert.match(allowed.out, /expected integer/);
      assert.match(allowed.out, /the response is not valid JSON/);
      assert.doesNotMatch(allowed.out, /SERVER-SECRET|ghp_/);
    } finally {
      delete process.env.YOUOPS_SCHEMA_CACHE;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
