import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { transportSettings, configuredTransports } from '../../../src/core/chatops/transportSettings';

const BASE = 'version: 1\nenvironments:\n  - { name: prod, manifests: envs/prod, protected: true }\n';

describe('chatops section of youops.yaml', () => {
  it('reads parameter prompts, choices and reply patterns', () => {
    const r = parseConfigText(`${BASE}chatops:
  transports:
    http: { url: "http://127.0.0.1:8080/youops/chatops" }
    slack: { channel: "#deploys", apiUrl: "http://127.0.0.1:3000/api/", pollSeconds: 0.5 }
  feedback: { success: ["^ok"], failure: ["^nope"] }
  commands:
    - name: deploy
      text: "deploy {{version}} to {{env}}"
      via: http
      params:
        version: { prompt: "Version to deploy", choices: ["1.4.0", "1.3.2"], strict: true }
      success: ["Deployed"]
`);
    assert.deepEqual(r.problems, []);
    const c = r.config!.chatops;
    assert.deepEqual(c.commands[0].params, { version: { prompt: 'Version to deploy', choices: ['1.4.0', '1.3.2'], strict: true } });
    assert.deepEqual(c.commands[0].success, ['Deployed']);
    assert.deepEqual(c.feedback, { success: ['^ok'], failure: ['^nope'] });
    assert.deepEqual(configuredTransports(c.transports), ['slack', 'http']);
    assert.deepEqual(transportSettings(c.transports, 'slack'), { kind: 'slack', channel: '#deploys', apiUrl: 'http://127.0.0.1:3000/api/', followSeconds: 120, pollSeconds: 0.5 });
    assert.deepEqual(transportSettings(c.transports, 'webhook'), undefined);
  });

  it('defaults: no params, no patterns, the slack.com API', () => {
    const c = parseConfigText(`${BASE}chatops:\n  transports: { slack: { channel: "#d" }, webhook: { url-secret: hook } }\n  commands: [{ name: r, text: "restart {{app}}", via: slack }]\n`).config!.chatops;
    assert.deepEqual(c.commands[0].params, {});
    assert.deepEqual(c.feedback, {});
    assert.equal((transportSettings(c.transports, 'slack') as { apiUrl: string }).apiUrl, 'https://slack.com/api/');
    assert.deepEqual(transportSettings(c.transports, 'webhook'), { kind: 'webhook', secretName: 'hook', format: 'slack' });
  });

  it('rejects invalid reply patterns and unknown parameter fields with positions', () => {
    const r = parseConfigText(`${BASE}chatops:\n  transports: { http: { url: "http://x/y" } }\n  commands:\n    - { name: d, text: "d", via: http, failure: ["(oops"] }\n`);
    assert.equal(r.config, undefined);
    assert.ok(r.problems.some((p) => p.message.startsWith('not a valid regular expression: (oops: missing closing )') && p.path === '/chatops/commands/0/failure/0'), r.problems.map((p) => p.message).join('\n'));
    const shape = parseConfigText(`${BASE}chatops:\n  commands:\n    - { name: d, text: "d", via: http, params: { v: { choise: [a] } } }\n`);
    assert.equal(shape.config, undefined);
    assert.ok(shape.problems.some((p) => /choise/.test(p.message)), shape.problems.map((p) => p.message).join('\n'));
  });

  it('refuses a slash command sent through the Slack transport, at the command text', () => {
    const r = parseConfigText(`${BASE}chatops:\n  transports: { slack: { channel: "#d" } }\n  commands:\n    - { name: r, text: "/restart {{app}} in {{env}}", via: slack }\n`);
    const p = r.problems.find((x) => x.path === '/chatops/commands/0/text');
    assert.equal(p?.severity, 'error');
    assert.match(p!.message, /Slack does not run slash commands posted through its API: "\/restart"/);
  });
});
