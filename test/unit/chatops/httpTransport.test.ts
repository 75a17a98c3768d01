import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { createTransport, type TransportContext } from '../../../src/core/chatops/createTransport';
import { transportSecret, transportsSchema } from '../../../src/core/chatops/transportSettings';
import { HttpTransport, parseReplies } from '../../../src/core/chatops/transports/httpTransport';
import { listenOnLoopback, replyJson, type LoopbackListener } from '../../fake-servers/httpServer';
import { startHubot, type RunningHubot } from '../../fake-servers/hubot/startHubot';

describe('HTTP transport (real Hubot process on 127.0.0.1)', function () {
  this.timeout(60_000);
  let hubot: RunningHubot;
  before(async () => (hubot = await startHubot()));
  after(() => hubot?.stop());

  it('sends "deploy …" and reads the bot’s answer from the response', async () => {
    const t = new HttpTransport(hubot.url, 'ada', 10_000);
    const posted = await t.send('deploy v1.4 to prod');
    assert.deepEqual(posted.replies.map((r) => [r.author, r.text]), [
      ['hubot', 'Deploying shop v1.4 to prod…'],
      ['hubot', '✅ Deployed shop v1.4 to prod'],
    ]);
    assert.equal(posted.follow, undefined);
    assert.match(t.destination, /^bot at 127\.0\.0\.1:\d+$/);
  });

  it('gets refusals and unknown commands back as replies', async () => {
    const t = new HttpTransport(hubot.url, 'ada', 10_000);
    assert.match((await t.send('deploy v2.0-rc to prod')).replies[0].text, /denied/);
    assert.match((await t.send('restart web in moon')).replies[0].text, /❌ restart failed/);
    assert.equal((await t.send('dance')).replies[0].text, 'Sorry, I don\'t know how to "dance"');
  });

  it('times out a bot that answers too late, without claiming it was not sent', async () => {
    await assert.rejects(new HttpTransport(hubot.url, 'ada', 300).send('sleep 2000'), (e: ChatOpsError) => e.code === 'timeout' && e.delivery === 'unknown');
  });

  it('says "unreachable, nothing was sent" when no bot listens', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((r) => closed.close(r));
    await assert.rejects(new HttpTransport(`http://127.0.0.1:${port}/youops/chatops`, 'ada', 2000).send('deploy v1 to dev'), (e: ChatOpsError) => e.code === 'unreachable' && /nothing was sent/.test(e.message));
  });

  it('refuses plain http:// to a host that is not this machine, before sending anything', () => {
    assert.throws(() => new HttpTransport('http://hubot.acme.internal:8080/youops/chatops', 'ada', 1000), (e: ChatOpsError) => e.code === 'unsupported' && /not https:\/\/: commands would travel unencrypted/.test(e.message));
    assert.throws(() => new HttpTransport('http://10.0.0.5/youops/chatops', 'ada', 1000), /unencrypted/);
    assert.doesNotThrow(() => new HttpTransport('https://hubot.acme.internal/youops/chatops', 'ada', 1000));
    assert.doesNotThrow(() => new HttpTransport('http://localhost:8080/youops/chatops', 'ada', 1000));
  });

  it('parses the answer shapes bot gateways use', () => {
    const at = new Date(0);
    assert.deepEqual(parseReplies('{"replies":["a",{"text":"b","author":"x"},3]}', 'application/json', 'bot', at), [
      { author: 'bot', text: 'a', at },
      { author: 'x', text: 'b', at },
    ]);
    assert.deepEqual(parseReplies('{"text":"ok"}', 'application/json', 'bot', at), [{ author: 'bot', text: 'ok', at }]);
    assert.deepEqual(parseReplies('done\n', 'text/plain', 'bot', at), [{ author: 'bot', text: 'done', at }]);
    assert.deepEqual(parseReplies('', 'text/plain', 'bot', at), []);
  });
});

describe('HTTP transport bot token (loopback server that records the requests)', () => {
  let server: http.Server;
  let listener: LoopbackListener;
  const seen: Array<string | undefined> = [];
  before(async () => {
    // Answers 401 unless the bearer token is right, and echoes what it got, as careless bots do.
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.headers.authorization === 'Bearer right-token') return replyJson(res, 200, { replies: ['ok'] });
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end(`bad token: ${req.headers.authorization ?? 'none'}`);
    });
    listener = await listenOnLoopback(server);
  });
  after(() => listener?.close());

  it('sends the token only as Authorization: Bearer, and no header without one', async () => {
    const url = `http://127.0.0.1:${listener.port}/youops/chatops`;
    seen.length = 0;
    assert.equal((await new HttpTransport(url, 'ada', 5000, 'right-token').send('status')).replies[0].text, 'ok');
    await assert.rejects(new HttpTransport(url, 'ada', 5000).send('status'));
    assert.deepEqual(seen, ['Bearer right-token', undefined]);
  });

  it('says on 401 whether a token was sent and how to fix it, never echoing the token', async () => {
    const url = `http://127.0.0.1:${listener.port}/youops/chatops`;
    await assert.rejects(new HttpTransport(url, 'ada', 5000).send('status'), (e: ChatOpsError) => {
      assert.equal(e.code, 'invalid_auth');
      assert.equal(e.delivery, 'not-sent');
      assert.match(e.message, /^the bot at 127\.0\.0\.1:\d+ wants a bot token \(HTTP 401: bad token: none\): run "YouOps: Set HTTP Bot Token"$/);
      return true;
    });
    await assert.rejects(new HttpTransport(url, 'ada', 5000, 'wrong-token-123').send('status'), (e: ChatOpsError) => {
      assert.match(e.message, /refused the stored bot token/);
      assert.doesNotMatch(e.message, /wrong-token-123/);
      return true;
    });
  });
});

describe('createTransport: each transport gets the secret its table entry names', () => {
  const lookups: string[] = [];
  const ctx = (stored: Record<string, string | undefined>): TransportContext => ({
    user: 'ada',
    timeoutMs: 1000,
    followMs: (s) => s * 1000,
    secret: async (kind, target) => {
      lookups.push(`${kind} ${target}`);
      return stored[kind];
    },
    githubComments: () => Promise.reject(new Error('not used')),
  });

  it('looks secrets up by the API URL (slack), the name (webhook) and the bot URL (http)', async () => {
    lookups.length = 0;
    const transports = {
      slack: { channel: '#deploys', apiUrl: 'https://slack.example/api/' },
      webhook: { 'url-secret': 'team-hook' },
      http: { url: 'https://hubot.example/youops/chatops' },
    };
    const c = ctx({ slack: 'xoxb-1', webhook: 'https://hooks.example/T/B/x', http: 'bot-token' });
    for (const via of ['slack', 'webhook', 'http']) await createTransport(transports, via, c);
    assert.deepEqual(lookups, ['slack https://slack.example/api/', 'webhook team-hook', 'http https://hubot.example/youops/chatops']);
  });

  it('builds the http transport without a token when none is stored; slack and webhook need theirs', async () => {
    const transports = { slack: { channel: '#deploys' }, http: { url: 'http://127.0.0.1:9/youops/chatops' } };
    const created = await createTransport(transports, 'http', ctx({}));
    assert.equal(created.transport.kind, 'http');
    await assert.rejects(createTransport(transports, 'slack', ctx({})), (e: ChatOpsError) => e.code === 'no-secret');
  });

  it('names the secret and the command that stores it in the shipped schema', () => {
    assert.deepEqual(
      { ...transportSecret('http') },
      { label: 'bot token', title: 'Set HTTP Bot Token', command: 'youops.chatops.setBotToken', scope: 'host', sentTo: 'target', optional: true },
    );
    assert.match(String((transportsSchema().transports as { properties: Record<string, { description?: string }> }).properties.http.description), /bot token \(optional\) is kept in VS Code's secret storage, per host: "YouOps: Set HTTP Bot Token"/);
  });
});
