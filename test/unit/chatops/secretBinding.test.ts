import * as assert from 'node:assert/strict';
import { checkBinding, hostOf, isAcceptableEndpoint, parseBoundSecret, serializeBoundSecret } from '../../../src/core/chatops/secretBinding';

describe('ChatOps secrets bound to their host', () => {
  it('accepts the host the secret was stored for, port included', () => {
    const secret = { value: 'xoxb-1', host: hostOf('https://slack.com/api/') };
    assert.deepEqual(checkBinding(secret, 'https://SLACK.com/api/chat.postMessage'), { ok: true });
    assert.deepEqual(checkBinding({ value: 'x', host: '127.0.0.1:4000' }, 'http://127.0.0.1:4001/api/'), { ok: false, boundHost: '127.0.0.1:4000', targetHost: '127.0.0.1:4001' });
  });

  it('flags a config that points the stored token at another host', () => {
    const check = checkBinding({ value: 'xoxb-1', host: 'slack.com' }, 'https://slack.com.evil.example/api/');
    assert.deepEqual(check, { ok: false, boundHost: 'slack.com', targetHost: 'slack.com.evil.example' });
  });

  it('round-trips through SecretStorage and rejects bare or damaged values', () => {
    assert.deepEqual(parseBoundSecret(serializeBoundSecret({ value: 'v', host: 'h' })), { value: 'v', host: 'h' });
    assert.equal(parseBoundSecret('xoxb-legacy-token'), undefined);
    assert.equal(parseBoundSecret('{"value":""}'), undefined);
    assert.equal(parseBoundSecret(undefined), undefined);
  });

  it('lets secrets travel over https only, or plain http to loopback', () => {
    assert.equal(isAcceptableEndpoint('https://hooks.slack.com/services/x'), true);
    assert.equal(isAcceptableEndpoint('http://127.0.0.1:3000/api/'), true);
    assert.equal(isAcceptableEndpoint('http://localhost/x'), true);
    assert.equal(isAcceptableEndpoint('http://chat.example.com/hook'), false);
    assert.equal(isAcceptableEndpoint('not a url'), false);
  });
});
