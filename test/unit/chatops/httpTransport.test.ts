import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { HttpTransport, parseReplies } from '../../../src/core/chatops/transports/httpTransport';
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
