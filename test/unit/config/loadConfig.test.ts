import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configBaseDir, findConfigFile } from '../../../src/core/config/configFile';
import { configTemplate } from '../../../src/core/config/configTemplate';
import { loadConfigFile, parseConfigText } from '../../../src/core/config/loadConfig';
import { parseDurationSeconds } from '../../../src/core/config/duration';

const DEMO = path.resolve(__dirname, '../../../../examples/demo/youops.yaml');

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture contains ${needle}`);
  return i;
}

describe('youops.yaml loader', () => {
  it('loads the demo config with defaults filled in', async () => {
    const r = await loadConfigFile(DEMO);
    assert.deepEqual(r.problems, []);
    const c = r.config!;
    assert.deepEqual(c.environments.map((e) => e.name), ['dev', 'staging', 'prod']);
    assert.deepEqual(c.environments[2].live, { provider: 'snapshot', path: '.youops/live/prod' });
    assert.equal(c.environments[2].protected, true);
    assert.equal(c.environments[0].protected, false);
    assert.deepEqual(c.environments[0].manifests, ['envs/dev']);
    assert.equal(c.drift.refreshSeconds, 0);
    assert.deepEqual(c.operations.restart, { channel: 'chatops', command: 'restart' });
    assert.deepEqual(c.operations.access, { channel: 'issueops', template: 'access-request.yml' });
    assert.deepEqual(c.chatops.commands[0].confirm, []);
    assert.equal(c.issueops.repo, 'acme/shop-ops');
  });

  it('reads drift.fieldManagers (the agent that applies Git), defaulting to the agents YouOps knows', () => {
    const defaults = parseConfigText('version: 1\nenvironments:\n  - { name: a, manifests: a }\n');
    assert.deepEqual(defaults.config!.drift.fieldManagers, ['argocd-controller', 'kustomize-controller', 'helm-controller', 'kubectl']);
    const own = parseConfigText('version: 1\nenvironments:\n  - { name: a, manifests: a }\ndrift:\n  fieldManagers: [shop-deployer]\n');
    assert.deepEqual(own.problems, []);
    assert.deepEqual(own.config!.drift.fieldManagers, ['shop-deployer']);
    const bad = parseConfigText('version: 1\nenvironments:\n  - { name: a, manifests: a }\ndrift:\n  fieldManagers: argocd-controller\n');
    assert.equal(bad.problems.length, 1, JSON.stringify(bad.problems));
    assert.match(bad.problems[0].message, /fieldManagers/);
  });

  it('maps every live provider form of the design sketch', () => {
    const r = parseConfigText(`version: 1
environments:
  - { name: a, manifests: a, live: { kubectl: { context: kind-dev, namespace: shop } } }
  - { name: b, manifests: [b, "b2/**/*.yaml"], live: { argocd: { server: "https://argocd.example.com", app: shop-b } } }
  - { name: c, manifests: c, live: { gitRef: { ref: deployed/c } } }
  - { name: d, manifests: d, live: { command: ["./export.sh", "d"] } }
  - { name: e, manifests: e }
`);
    assert.deepEqual(r.problems, []);
    const live = r.config!.environments.map((e) => e.live);
    assert.deepEqual(live[0], { provider: 'kubectl', context: 'kind-dev', namespace: 'shop' });
    assert.deepEqual(live[1], { provider: 'argocd', server: 'https://argocd.example.com', app: 'shop-b' });
    assert.deepEqual(live[2], { provider: 'gitRef', ref: 'deployed/c' });
    assert.deepEqual(live[3], { provider: 'command', argv: ['./export.sh', 'd'] });
    assert.equal(live[4], undefined);
    assert.deepEqual(r.config!.environments[1].manifests, ['b', 'b2/**/*.yaml']);
  });

  it('reads appNamespace of an argocd source and rejects a value that is no namespace name', () => {
    const r = parseConfigText(`version: 1
environments:
  - { name: a, manifests: a, live: { argocd: { server: "https://argocd.example.com", app: shop, appNamespace: team-a, insecure: true } } }
`);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config!.environments[0].live, { provider: 'argocd', server: 'https://argocd.example.com', app: 'shop', appNamespace: 'team-a', insecure: true });
    const bad = parseConfigText('version: 1\nenvironments:\n  - { name: a, manifests: a, live: { argocd: { server: "https://argocd.example.com", app: shop, appNamespace: Team_A } } }\n');
    assert.equal(bad.config, undefined);
    assert.deepEqual(
      bad.problems.map((p) => p.message),
      ['environments[0].live.argocd.appNamespace: "Team_A" is not a Kubernetes namespace name: lowercase letters, digits and -'],
    );
  });

  it('puts an unknown field on its key with a did-you-mean', () => {
    const text = 'version: 1\nenvironments:\n  - name: dev\n    manifest: envs/dev\n';
    const r = parseConfigText(text);
    assert.equal(r.config, undefined);
    const unknown = r.problems.find((p) => /unknown field/.test(p.message))!;
    assert.equal(unknown.message, 'environments[0]: unknown field "manifest" — did you mean "manifests"?');
    assert.deepEqual(unknown.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } });
    const missing = r.problems.find((p) => /missing required/.test(p.message))!;
    assert.equal(missing.message, 'environments[0]: missing required field "manifests"');
  });

  it('explains type errors on the value, and a live block with two providers', () => {
    const text = 'version: 1\nenvironments:\n  - name: dev\n    manifests: 42\n    live:\n      snapshot: a\n      gitRef: { ref: b }\n';
    const r = parseConfigText(text);
    const messages = r.problems.map((p) => p.message);
    assert.ok(messages.includes('environments[0].manifests: expected a string or a list of strings, got number 42'), messages.join('\n'));
    assert.ok(messages.some((m) => m === 'environments[0].live: must name exactly one live-state provider (snapshot, gitRef, command, kubectl, argocd or flux)'));
    const manifests = r.problems.find((p) => p.path === '/environments/0/manifests')!;
    assert.equal(manifests.range.start.line, 3);
  });

  it('reports YAML syntax errors with their position and never throws', () => {
    const text = 'version: 1\nenvironments:\n  - name: [dev\n';
    const r = parseConfigText(text);
    assert.equal(r.config, undefined);
    assert.ok(r.problems.length > 0);
    assert.match(r.problems[0].message, /^YAML: /);
    assert.ok(r.problems[0].range.start.line >= 2);
  });

  it('checks references: duplicates, unknown promotesFrom, loops, chatops commands', () => {
    const text = `version: 1
environments:
  - { name: dev, manifests: d, promotesFrom: prod }
  - { name: prod, manifests: p, promotesFrom: dev }
  - { name: qa, manifests: q, promotesFrom: stagign }
  - { name: qa, manifests: q2 }
chatops:
  transports: { slack: { channel: "#x" } }
  commands:
    - { name: deploy, text: "deploy {{env}}", via: github, confirm: [prodd] }
operations:
  restart: chatops:restart
`;
    const r = parseConfigText(text);
    const msgs = r.problems.map((p) => `${p.severity}: ${p.message} @${p.range.start.line}`);
    assert.ok(msgs.includes(`error: environment "qa" is defined twice (first at environments[2]) @${lineOf(text, 'q2')}`), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('error: promotesFrom: no environment named "stagign"')));
    assert.ok(msgs.includes(`error: promotion path of "dev" loops back to itself @${lineOf(text, 'name: dev')}`));
    assert.ok(msgs.some((m) => m.startsWith('warning: command "deploy" goes via "github", but chatops.transports has no github entry')));
    assert.ok(msgs.some((m) => m.startsWith('warning: no environment named "prodd"')));
    assert.ok(msgs.includes(`error: operation "restart" uses chatops command "restart", which chatops.commands does not define @${lineOf(text, 'restart:')}`));
    assert.equal(r.config, undefined);
  });

  it('keeps a config with only warnings usable', () => {
    const r = parseConfigText('version: 1\nenvironments:\n  - { name: dev, manifests: d }\nchatops:\n  commands:\n    - { name: x, text: y, via: slack }\n');
    assert.ok(r.config);
    assert.deepEqual(r.problems.map((p) => p.severity), ['warning']);
  });

  it('refuses an empty file and a huge file with clear messages', async () => {
    assert.match(parseConfigText('').problems[0].message, /empty/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cfg-'));
    const big = path.join(dir, 'youops.yaml');
    fs.writeFileSync(big, '# x\n'.repeat(700_000));
    const r = await loadConfigFile(big);
    assert.match(r.problems[0].message, /youops\.yaml: 2\.7 MB is over the 2 MB limit for youops\.yaml; not read$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes an alias expansion attack a positioned problem, not a thrown ReferenceError', () => {
    const text = 'version: 1\nx: &a [1, 2, 3]\nenvironments:\n  - { name: dev, manifests: d }\nextra: [' + Array(150).fill('*a').join(', ') + ']\n';
    const r = parseConfigText(text);
    assert.equal(r.config, undefined);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /aliases expand to too much data \(\*a is used 150 times\); youops\.yaml allows 100 alias expansions/);
    assert.equal(r.problems[0].range.start.line, 4);
    assert.equal(text.split('\n')[4].slice(r.problems[0].range.start.character, r.problems[0].range.end.character), '*a');
  });

  it('rejects reply patterns RE2 cannot match in linear time, with the reason', () => {
    const r = parseConfigText('version: 1\nenvironments:\n  - { name: dev, manifests: d }\nchatops:\n  feedback:\n    success: ["(?=done)d", "ok"]\n');
    assert.equal(r.config, undefined);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].path, '/chatops/feedback/success/0');
    assert.match(r.problems[0].message, /not a valid regular expression: \(\?=done\)d: .*lookaround/);
  });

  it('finds the config in its three places and resolves paths from the repo root', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-find-'));
    assert.equal(findConfigFile(dir), undefined);
    fs.mkdirSync(path.join(dir, '.github'));
    fs.writeFileSync(path.join(dir, '.github', 'youops.yaml'), 'version: 1\n');
    assert.equal(findConfigFile(dir), path.join(dir, '.github', 'youops.yaml'));
    assert.equal(configBaseDir(path.join(dir, '.github', 'youops.yaml')), dir);
    fs.writeFileSync(path.join(dir, 'youops.yaml'), 'version: 1\n');
    assert.equal(findConfigFile(dir), path.join(dir, 'youops.yaml'));
    assert.equal(findConfigFile(dir, 'other.yaml'), undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a template that loads cleanly', () => {
    for (const folders of [[], ['envs/dev', 'envs/prod']]) {
      const r = parseConfigText(configTemplate(folders));
      assert.deepEqual(r.problems, []);
      assert.ok(r.config!.environments.length >= 2);
    }
    assert.equal(parseConfigText(configTemplate(['envs/dev', 'envs/prod'])).config!.environments[1].protected, true);
    const ordered = parseConfigText(configTemplate(['clusters/prod', 'clusters/dev', 'clusters/staging', 'clusters/qa', 'clusters/eu-demo'])).config!;
    assert.deepEqual(
      ordered.environments.map((e) => [e.name, e.promotesFrom ?? null]),
      [['dev', null], ['qa', 'dev'], ['eu-demo', 'qa'], ['staging', 'eu-demo'], ['prod', 'staging']],
    );
  });

  it('parses durations', () => {
    assert.equal(parseDurationSeconds('60s', 1), 60);
    assert.equal(parseDurationSeconds('5m', 1), 300);
    assert.equal(parseDurationSeconds('1h', 1), 3600);
    assert.equal(parseDurationSeconds('500ms', 1), 0.5);
    assert.equal(parseDurationSeconds(undefined, 7), 7);
    assert.equal(parseDurationSeconds(0, 7), 0);
  });
});
