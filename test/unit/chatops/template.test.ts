import * as assert from 'node:assert/strict';
import { escapeChatText } from '../../../src/core/chatops/escapeChatText';
import { describeMissing, renderTemplate, templateParameters } from '../../../src/core/chatops/template';

describe('ChatOps templates', () => {
  it('lists the parameters in order of first use, once each', () => {
    assert.deepEqual(templateParameters('.deploy {{ref}} to {{ env }} ({{ref}}) {{reason}}'), ['ref', 'env', 'reason']);
    assert.deepEqual(templateParameters('no placeholders {here} {{ }}'), []);
  });

  it('fills {{env}}, {{app}}, {{ref}}, {{resource}} and {{version}}', () => {
    const r = renderTemplate('deploy {{app}} {{version}} ({{resource}}, {{ref}}) to {{env}}', { env: 'prod', app: 'web', ref: 'main', resource: 'deployment/web', version: '1.4.0' }, 'slack');
    assert.deepEqual(r, { ok: true, text: 'deploy web 1.4.0 (deployment/web, main) to prod' });
  });

  it('reports every missing or blank parameter instead of sending a half-filled command', () => {
    const r = renderTemplate('deploy {{version}} to {{env}} for {{app}}', { env: 'prod', version: '  ' }, 'none');
    assert.deepEqual(r, { ok: false, missing: ['version', 'app'], invalid: [] });
    assert.equal(describeMissing('deploy', ['version', 'app']), '"deploy" needs {{version}}, {{app}}: they have no value here');
    assert.equal(describeMissing('deploy', ['app']), '"deploy" needs {{app}}: it has no value here');
  });

  it("escapes Slack's control characters < > & in values, which also defuses <!here> and <@U123>", () => {
    const r = renderTemplate('restart {{app}} in {{env}}', { app: 'a&b <!here> <@U123|boss>', env: 'prod' }, 'slack');
    assert.ok(r.ok);
    assert.equal(r.text, 'restart a&amp;b &lt;!here&gt; &lt;@\u200bU123|boss&gt; in prod');
    assert.doesNotMatch(r.text, /<|>/);
  });

  it('keeps the template itself verbatim: the team may mention on purpose', () => {
    const r = renderTemplate('<@U0BOT> restart {{app}} & report', { app: 'web' }, 'slack');
    assert.deepEqual(r, { ok: true, text: '<@U0BOT> restart web & report' });
  });

  it('neutralises @channel, @here, @everyone and user mentions in values', () => {
    assert.equal(escapeChatText('@channel @here @everyone @alice', 'mentions'), '@\u200bchannel @\u200bhere @\u200beveryone @\u200balice');
    assert.equal(escapeChatText('ping @here', 'slack'), 'ping @\u200bhere');
    assert.equal(escapeChatText('mail a @ b', 'mentions'), 'mail a @ b', 'a lone @ is not a mention');
  });

  it('changes nothing that is not a mention: e-mail addresses and image digests arrive byte for byte', () => {
    const values = ['ada.lovelace@example.com', 'ghcr.io/acme/web@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 'ops+oncall@acme.io'];
    for (const style of ['slack', 'mentions', 'github', 'none'] as const) for (const v of values) assert.equal(escapeChatText(v, style), v, `${style}: ${v}`);
    assert.equal(escapeChatText('cc @alice (@here)', 'github'), 'cc @\u200balice (@\u200bhere)', 'mentions at a word start still are');
  });

  it('joins line breaks so a value cannot smuggle a second command', () => {
    assert.equal(escapeChatText('v1.4\n/deploy evil to prod\r\nx', 'none'), 'v1.4 /deploy evil to prod x');
    const r = renderTemplate('deploy {{version}}', { version: '1.4\nrm -rf' }, 'none');
    assert.deepEqual(r, { ok: true, text: 'deploy 1.4 rm -rf' });
  });

  it('leaves values alone for bots that read raw text, apart from line breaks', () => {
    assert.equal(escapeChatText('a<b>&c @x', 'none'), 'a<b>&c @x');
  });
});
