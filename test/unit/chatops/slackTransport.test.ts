import * as assert from 'node:assert/strict';
import { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { SlackTransport, unescapeSlack } from '../../../src/core/chatops/transports/slackTransport';
import type { BotReply } from '../../../src/core/chatops/transports/transport';
import { startFakeSlackServer, type FakeSlackServer } from '../../fake-servers/fakeSlackServer';

const TOKEN = 'xoxb-test-token';

describe('Slack transport (loopback fake Slack Web API on 127.0.0.1)', function () {
  this.timeout(15_000);
  let slack: FakeSlackServer;
  beforeEach(async () => {
    slack = await startFakeSlackServer({
      token: TOKEN,
      channels: { '#deploys': { member: true }, '#secret': { member: false } },
      bot: (text) =>
        /restart (\S+)/.test(text)
          ? [{ text: `Restarting ${/restart (\S+)/.exec(text)![1]}…`, afterMs: 20 }, { text: '✅ Restarted &lt;web&gt;', afterMs: 60 }, { text: 'late chatter', afterMs: 2000 }]
          : [],
    });
  });
  afterEach(() => slack.close());

  const transport = (over: Partial<ConstructorParameters<typeof SlackTransport>[0]> = {}) =>
    new SlackTransport({ apiUrl: slack.url, token: TOKEN, channel: '#deploys', timeoutMs: 2000, pollMs: 50, ...over });

  async function followAll(t: SlackTransport, text: string, ms: number, stopOn?: RegExp): Promise<BotReply[]> {
    const posted = await t.send(text);
    const replies: BotReply[] = [];
    await posted.follow!(ms, (r) => (replies.push(r), !!stopOn?.test(r.text)));
    return replies;
  }

  it('checks the token, posts once to the channel and follows the thread until a decisive reply', async () => {
    const replies = await followAll(transport(), 'restart web in prod', 3000, /Restarted/);
    assert.deepEqual(replies.map((r) => r.text), ['Restarting web…', '✅ Restarted <web>']);
    assert.equal(replies[0].author, 'deploybot');
    assert.deepEqual(slack.posted.map((p) => p.text), ['restart web in prod']);
    assert.deepEqual(slack.requests.slice(0, 2).map((r) => r.method), ['auth.test', 'chat.postMessage']);
    assert.ok(slack.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
    assert.ok(slack.requests.some((r) => r.method === 'conversations.replies'));
    assert.equal(slack.requests.find((r) => r.method === 'chat.postMessage')!.body.link_names, false);
  });

  it('stops following after the configured time when the bot stays silent', async () => {
    const started = Date.now();
    assert.deepEqual(await followAll(transport(), 'status', 300), []);
    assert.ok(Date.now() - started < 2000);
  });

  it('explains invalid_auth without posting anything', async () => {
    await assert.rejects(transport({ token: 'xoxb-wrong' }).send('restart web in prod'), (e: ChatOpsError) => {
      assert.equal(e.code, 'invalid_auth');
      assert.equal(e.delivery, 'not-sent');
      assert.match(e.message, /Set Slack Bot Token/);
      assert.doesNotMatch(e.message, /xoxb/);
      return true;
    });
    assert.equal(slack.posted.length, 0);
  });

  it('explains not_in_channel and channel_not_found', async () => {
    await assert.rejects(transport({ channel: '#secret' }).send('x'), (e: ChatOpsError) => e.code === 'not_in_channel' && /invite it/.test(e.message) && /#secret/.test(e.message));
    await assert.rejects(transport({ channel: '#nope' }).send('x'), (e: ChatOpsError) => e.code === 'channel_not_found');
  });

  it('waits out a short Retry-After once: a rate-limited post never reached the channel', async () => {
    slack.failNext('chat.postMessage', 'ratelimited', 1);
    const started = Date.now();
    await transport().send('restart web in dev');
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(slack.requests.filter((r) => r.method === 'chat.postMessage').length, 2);
    assert.equal(slack.posted.length, 1);
  });

  it('reports a long Retry-After instead of blocking, with the seconds to wait', async () => {
    slack.failNext('chat.postMessage', 'ratelimited', 120);
    await assert.rejects(transport().send('restart web in dev'), (e: ChatOpsError) => e.code === 'ratelimited' && e.retryAfterSeconds === 120 && e.delivery === 'not-sent' && /120 s/.test(e.message));
    assert.equal(slack.posted.length, 0);
  });

  it('keeps following when reading the thread is rate-limited', async () => {
    const t = transport();
    const posted = await t.send('restart api in dev');
    slack.failNext('conversations.replies', 'ratelimited', 0);
    const replies: BotReply[] = [];
    await posted.follow!(3000, (r) => (replies.push(r), /Restarted/.test(r.text)));
    assert.equal(replies.at(-1)?.text, '✅ Restarted <web>');
  });

  it('calls a refused connection unreachable and not sent', async () => {
    const url = slack.url;
    await slack.close();
    await assert.rejects(transport({ apiUrl: url }).send('x'), (e: ChatOpsError) => e.code === 'unreachable' && e.delivery === 'not-sent');
    slack = await startFakeSlackServer({ token: TOKEN, channels: {} });
  });

  it('turns Slack markup in replies into plain text', () => {
    assert.equal(unescapeSlack('see <https://ci.example/1|build 1> for <@U1> &amp; &lt;x&gt;'), 'see build 1 for @U1 & <x>');
  });
});

describe('Slack transport: as Slack documents its methods (loopback fake Slack Web API on 127.0.0.1)', function () {
  this.timeout(15_000);
  let slack: FakeSlackServer;
  afterEach(() => slack?.close());
  const start = async (extra: Partial<Parameters<typeof startFakeSlackServer>[0]> = {}) =>
    (slack = await startFakeSlackServer({
      token: TOKEN,
      channels: { '#deploys': { member: true } },
      bot: (text) => (/restart/.test(text) ? [{ text: 'Restarting…', afterMs: 30 }, { text: 'still going', afterMs: 40 }, { text: 'more', afterMs: 50 }, { text: '✅ Restarted web', afterMs: 120 }] : []),
      people: (text) => (/restart/.test(text) ? [{ text: 'did it fail?', afterMs: 60 }] : []),
      ...extra,
    }));
  const transport = (over: Partial<ConstructorParameters<typeof SlackTransport>[0]> = {}) =>
    new SlackTransport({ apiUrl: slack.url, token: TOKEN, channel: '#deploys', timeoutMs: 2000, pollMs: 50, ...over });

  it('refuses a slash command: a message posted through the API never runs one', async () => {
    await start();
    await assert.rejects(transport().send('/restart web in prod'), (e: ChatOpsError) => {
      assert.equal(e.code, 'unsupported');
      assert.equal(e.delivery, 'not-sent');
      assert.match(e.message, /Slack does not run slash commands posted through its API: "\/restart" would arrive as plain text/);
      assert.match(e.message, /Mention the bot instead \("<@U0BOT> restart web in prod" with the bot's user id from Slack\), or send the command to the bot's HTTP endpoint \(the http transport\)/);
      return true;
    });
    assert.equal(slack.requests.length, 0, 'nothing was sent');
  });

  it('reads with form-encoded requests and follows every page of the thread', async () => {
    await start({ pageSize: 2 });
    const posted = await transport().send('restart web in prod');
    const replies: BotReply[] = [];
    await posted.follow!(3000, (r) => (replies.push(r), /Restarted/.test(r.text)));
    assert.deepEqual(replies.map((r) => r.text), ['Restarting…', 'still going', 'more', '✅ Restarted web']);
    const kinds = new Map(slack.requests.map((r) => [r.method, r.contentType]));
    assert.equal(kinds.get('chat.postMessage'), 'application/json; charset=utf-8');
    assert.equal(kinds.get('auth.test'), 'application/x-www-form-urlencoded');
    assert.equal(kinds.get('conversations.replies'), 'application/x-www-form-urlencoded');
    assert.ok(slack.requests.some((r) => r.method === 'conversations.replies' && r.body.cursor), 'cursor pagination');
  });

  it("follows only the bot's replies: people in the thread decide nothing (configured bot id too)", async () => {
    await start();
    const seen: string[] = [];
    const posted = await transport().send('restart web in prod');
    await posted.follow!(3000, (r) => (seen.push(r.text), /Restarted/.test(r.text)));
    assert.ok(!seen.includes('did it fail?'), seen.join(' | '));
    const other: string[] = [];
    const viaId = await transport({ bot: 'U0SOMEONE' }).send('restart web in prod');
    await viaId.follow!(400, (r) => (other.push(r.text), false));
    assert.deepEqual(other, [], 'another bot id is not ours to follow');
  });
});
