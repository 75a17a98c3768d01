import * as assert from 'node:assert/strict';
import type { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { WebhookTransport, webhookPayload } from '../../../src/core/chatops/transports/webhookTransport';
import { startWebhookReceiver, type WebhookReceiver } from '../../fake-servers/webhookReceiver';

describe('Webhook transport (loopback webhook receiver on 127.0.0.1)', function () {
  this.timeout(10_000);
  let hook: WebhookReceiver;
  beforeEach(async () => (hook = await startWebhookReceiver({ slowMs: 3000 })));
  afterEach(() => hook.close());

  it('posts Slack-format JSON and names the destination without the secret URL', async () => {
    const t = new WebhookTransport(`${hook.url}/services/T0/B0/s3cr3t`, 'slack', 'team-webhook', 2000);
    const posted = await t.send('/restart web in prod');
    assert.deepEqual(hook.received, [{ path: '/services/T0/B0/s3cr3t', contentType: 'application/json', body: { text: '/restart web in prod' } }]);
    assert.deepEqual(posted.replies, []);
    assert.equal(posted.follow, undefined, 'webhooks cannot read answers');
    assert.doesNotMatch(t.destination, /s3cr3t|services/);
    assert.match(t.destination, /team-webhook \(127\.0\.0\.1:\d+\)/);
    assert.equal(t.escape, 'slack');
  });

  it('sends the same {text} to Mattermost and Rocket.Chat, an Adaptive Card to Teams', async () => {
    assert.deepEqual(webhookPayload('mattermost', 'hi'), { text: 'hi' });
    assert.deepEqual(webhookPayload('rocketchat', 'hi'), { text: 'hi' });
    assert.deepEqual(webhookPayload('googlechat', 'hi'), { text: 'hi' });
    await new WebhookTransport(`${hook.url}/teams`, 'teams', 'teams', 2000).send('deploy 1.4 to prod');
    const card = hook.received[0].body as { attachments: Array<{ contentType: string; content: { body: Array<{ text: string }> } }> };
    assert.equal(card.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(card.attachments[0].content.body[0].text, 'deploy 1.4 to prod');
  });

  it("explains Slack's no_service for a deleted webhook", async () => {
    await assert.rejects(new WebhookTransport(`${hook.url}/gone/x`, 'slack', 'old', 2000).send('x'), (e: ChatOpsError) => {
      assert.equal(e.code, 'invalid_auth');
      assert.equal(e.delivery, 'not-sent');
      assert.match(e.message, /\(HTTP 404 no_service\): the webhook was removed/);
      return true;
    });
  });

  it('marks a timeout as possibly delivered, so nothing resends it on its own', async () => {
    await assert.rejects(new WebhookTransport(`${hook.url}/slow/x`, 'slack', 'slow', 300).send('deploy'), (e: ChatOpsError) => e.code === 'timeout' && e.delivery === 'unknown' && /may or may not have arrived/.test(e.message));
    assert.equal(hook.received.length, 1, 'the receiver got it once');
  });

  it('marks a refused connection as not sent', async () => {
    const url = hook.url;
    await hook.close();
    await assert.rejects(new WebhookTransport(`${url}/x`, 'slack', 'down', 1000).send('deploy'), (e: ChatOpsError) => e.code === 'unreachable' && e.delivery === 'not-sent');
    hook = await startWebhookReceiver();
  });
});
