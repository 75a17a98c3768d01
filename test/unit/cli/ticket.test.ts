import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { cliGitHubAccess } from '../../../src/cli/cliTokens';
import { startFakeGitHubServer, type FakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { parseIssue } from '../issueops/realIssueParser';

const ROOT = path.resolve(__dirname, '../../../..');
const DEMO = path.join(ROOT, 'examples', 'demo');
const FORM = path.join(DEMO, '.github', 'ISSUE_TEMPLATE', 'deploy-request.yml');

async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const saved = { GITHUB_TOKEN: process.env.GITHUB_TOKEN, GH_TOKEN: process.env.GH_TOKEN, GITHUB_API_URL: process.env.GITHUB_API_URL };
  for (const k of Object.keys(saved)) delete process.env[k];
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  try {
    const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
    return { code, out, err };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const COMPLETE = ['--set', 'environment=prod', '--set', 'service=web', '--set', 'version=1.4.2', '--set', 'checks=The version passed staging'];

describe('youops ticket', () => {
  it('--dry-run --format json prints exactly the request: repo, title, body, labels, assignees', async () => {
    const r = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--dry-run', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const request = JSON.parse(r.out);
    assert.deepEqual(Object.keys(request), ['repo', 'title', 'body', 'labels', 'assignees']);
    assert.equal(request.repo, 'acme/shop-ops', 'from issueops.github.repo of youops.yaml');
    assert.equal(request.title, '[deploy] web to prod');
    assert.deepEqual([request.labels, request.assignees], [['issueops', 'deploy'], []]);
    assert.match(request.body, /^<!-- youops:idempotency-key=cli-[0-9a-f]{24} -->\n<!-- youops:ticket template=deploy-request.yml -->\n\n### Environment\n\nprod\n/);
    // The real consumer reads the answers.
    assert.deepEqual(parseIssue(request.body, fs.readFileSync(FORM, 'utf8')), {
      environment: ['prod'],
      service: 'web',
      version: '1.4.2',
      reason: undefined,
      checks: { selected: ['The version passed staging'], unselected: ['The change has a rollback plan'] },
    });
    const again = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--dry-run', '--format', 'json']);
    assert.equal(again.out, r.out, 'the same ticket is the same request (and the same idempotency key)');
  });

  it('reads --values-file (ids; arrays for dropdowns and checkboxes), then --set; a template path works without youops.yaml', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-ticket-'));
    try {
      const values = path.join(dir, 'values.json');
      fs.writeFileSync(values, JSON.stringify({ environment: ['staging'], service: 'api', version: '2.0.0', reason: 'Roll out\nthe fix.', checks: ['The version passed staging', 'The change has a rollback plan'] }));
      const r = await run(['ticket', '--cwd', dir, '--template', FORM, '--values-file', values, '--set', 'service=worker', '--repo', 'acme/other', '--title', 'Support Map<string, number>', '--dry-run']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^POST github\.com acme\/other\ntitle: Support Map<string, number>\nlabels: issueops, deploy\n/);
      assert.match(r.out, /### Service\n\nworker\n/);
      assert.match(r.out, /### Reason\n\nRoll out\nthe fix\.\n/);
      assert.match(r.out, /- \[X\] The version passed staging\n- \[X\] The change has a rollback plan/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the field: a required field left empty, a value not among the options, an unknown field', async () => {
    const missing = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', '--set', 'environment=prod', '--set', 'service=web', '--dry-run']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /version: "Version" is required/);
    assert.match(missing.err, /checks: "Checks": "The version passed staging" must be checked/);
    const option = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--set', 'environment=qa', '--dry-run']);
    assert.equal(option.code, 2);
    assert.match(option.err, /field environment \("Environment"\) has no option "qa" \(options: dev, staging, prod\)|takes a single choice/);
    const single = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', '--set', 'environment=qa', '--dry-run']);
    assert.match(single.err, /field environment \("Environment"\) has no option "qa" \(options: dev, staging, prod\)/);
    const unknown = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', '--set', 'colour=red', '--dry-run']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /the form has no field "colour" \(fields: environment, service, version, reason, checks\)/);
    const box = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', '--set', 'checks=Tested', '--dry-run']);
    assert.match(box.err, /field checks \("Checks"\) has no checkbox "Tested"/);
    assert.match((await run(['ticket', '--cwd', DEMO])).err, /needs --template FILE/);
    assert.match((await run(['ticket', '--cwd', DEMO, '--template', 'nope.yml'])).err, /template nope\.yml not found \(also looked in \.github\/ISSUE_TEMPLATE\)/);
  });

  describe('without --dry-run (fake GitHub REST server on 127.0.0.1)', () => {
    let gh: FakeGitHubServer;
    beforeEach(async () => {
      gh = await startFakeGitHubServer({ tokens: ['ghs_ci'], repos: [{ owner: 'acme', name: 'shop-ops' }] });
    });
    afterEach(() => gh.close());

    it('creates the issue with $GITHUB_TOKEN at $GITHUB_API_URL and prints its URL; the same ticket again is not a second issue', async () => {
      const env = { GITHUB_TOKEN: 'ghs_ci', GITHUB_API_URL: gh.url };
      const r = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--repo', 'acme/shop-ops'], env);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out.trim(), /^http:\/\/127\.0\.0\.1:\d+\/acme\/shop-ops\/issues\/1$/);
      const again = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--repo', 'acme/shop-ops', '--format', 'json'], env);
      assert.equal(JSON.parse(again.out).reused, true);
      assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
      assert.ok(!r.out.includes('ghs_ci') && !r.err.includes('ghs_ci'));
    });

    it('warns when GitHub dropped the labels (no push access)', async () => {
      await gh.close();
      gh = await startFakeGitHubServer({ tokens: ['ghs_ci'], repos: [{ owner: 'acme', name: 'shop-ops' }], noPushAccess: true });
      const r = await run(['ticket', '--cwd', DEMO, '--template', 'deploy-request.yml', ...COMPLETE, '--repo', 'acme/shop-ops', '--format', 'json'], { GITHUB_TOKEN: 'ghs_ci', GITHUB_API_URL: gh.url });
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out).dropped, { labels: ['issueops', 'deploy'], assignees: [] });
      assert.match(r.err, /warning: #1: GitHub did not apply the labels issueops, deploy/);
    });
  });

  it('never sends $GITHUB_TOKEN to a host taken from the repository (origin on another server)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-ticket-origin-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@git.attacker.example:acme/shop-ops.git']);
      const r = await run(['ticket', '--cwd', dir, '--template', FORM, ...COMPLETE], { GITHUB_TOKEN: 'ghp_secret' });
      assert.equal(r.code, 2);
      assert.match(r.err, /acme\/shop-ops is on git\.attacker\.example, but without \$GITHUB_API_URL the token goes only to github\.com/);
      assert.ok(!r.err.includes('ghp_secret'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Where the CLI sends $GITHUB_TOKEN', () => {
  const repo = (host: string) => ({ owner: 'acme', repo: 'shop-ops', host });
  it('github.com by default, the explicit $GITHUB_API_URL host otherwise, nothing else', () => {
    assert.deepEqual(cliGitHubAccess({ GITHUB_TOKEN: 't' }, repo('github.com')), { ok: true, token: 't', baseUrl: 'https://api.github.com', host: 'github.com' });
    assert.deepEqual(cliGitHubAccess({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghes.example.com/api/v3/' }, repo('ghes.example.com')), { ok: true, token: 't', baseUrl: 'https://ghes.example.com/api/v3', host: 'ghes.example.com' });
    const reason = (env: NodeJS.ProcessEnv, host: string) => {
      const a = cliGitHubAccess(env, repo(host));
      return a.ok ? 'ok' : a.reason;
    };
    assert.match(reason({ GITHUB_TOKEN: 't' }, 'ghes.example.com'), /set \$GITHUB_API_URL to that server's API \(e\.g\. https:\/\/ghes\.example\.com\/api\/v3\)/);
    // The explicit API URL is the user's choice and wins; the repository never picks the host.
    assert.deepEqual(cliGitHubAccess({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghes.example.com/api/v3' }, repo('github.com')), { ok: true, token: 't', baseUrl: 'https://ghes.example.com/api/v3', host: 'ghes.example.com' });
    assert.match(reason({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'http://ghes.example.com/api/v3' }, 'ghes.example.com'), /must be https:\/\//);
    assert.match(reason({}, 'github.com'), /set \$GITHUB_TOKEN/);
    assert.equal(reason({ GH_TOKEN: 't' }, 'github.com'), 'ok');
  });
});
