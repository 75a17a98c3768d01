import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog } from '../../../src/core/chatops/auditLog';
import { branchDeployVerdict } from '../../../src/core/chatops/branchDeploy';
import { ChatOpsSender } from '../../../src/core/chatops/chatOpsSender';
import { feedbackPatternsFor } from '../../../src/core/chatops/commandCatalogue';
import { renderTemplate } from '../../../src/core/chatops/template';
import { transportSettings } from '../../../src/core/chatops/transportSettings';
import { githubClientCommentPort } from '../../../src/core/chatops/transports/githubClientCommentPort';
import { GitHubTransport } from '../../../src/core/chatops/transports/githubTransport';
import { loadConfigFile } from '../../../src/core/config/loadConfig';
import { GitHubClient } from '../../../src/core/github/githubClient';
import { startFakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { BRANCH_DEPLOY_DEFAULTS, parseBranchDeployComment } from './branchDeployCommandParser';

const DEMO = path.resolve(__dirname, '../../../../examples/demo/youops.yaml');
const BRANCH = 'fix-failed-login';
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' as const };

/** branch-deploy's own comments, as its source writes them (main.ts, post-deploy-message.ts, environment-targets.ts). */
const triggered = (env: string) => `### Deployment Triggered 🚀\n\n__octocat__, started a __branch__ deployment to __${env}__\n\nYou can watch the progress [here](https://github.com/acme/shop-ops/actions/runs/1) 🔗\n\n> __Branch__: \`${BRANCH}\``;
const results = (status: '✅' | '❌' | '⚠️', env: string) =>
  `### Deployment Results ${status}\n\n**octocat** ${status === '✅' ? 'successfully deployed' : 'had a failure when deploying'} branch \`${BRANCH}\` to **${env}**\n\n<details><summary>Details</summary>\n\n<!--- post-deploy-metadata-start -->\n</details>`;
const cannotProceed = '### ⚠️ Cannot proceed with deployment\n\nNo matching environment target found. Please check your command and try again.\n\n> The following environment targets are available: `dev,staging,prod`';

describe('branch-deploy: the commands it accepts and the comments it answers with', () => {
  it('accepts every github template of the demo, as its command parser reads comments', async () => {
    const { config } = await loadConfigFile(DEMO);
    const envs = config!.environments.map((e) => e.name);
    const inputs = { ...BRANCH_DEPLOY_DEFAULTS, environment: 'dev', environmentTargets: envs };
    const commands = config!.chatops.commands.filter((c) => c.via === 'github');
    assert.deepEqual(commands.map((c) => c.name), ['deploy', 'noop']);
    for (const c of commands) {
      for (const env of envs) {
        const rendered = renderTemplate(c.text, { env, ref: BRANCH, app: 'web', version: '1.4.2' }, 'github');
        assert.ok(rendered.ok);
        const parsed = parseBranchDeployComment(rendered.text, inputs);
        assert.deepEqual(parsed, { accepted: true, target: env, noop: c.name === 'noop', stableBranch: false, params: null, sha: null }, rendered.text);
      }
    }
  });

  it('refuses a branch name as a target (the old template) and reads a stable-branch rollback, a SHA and parameters', () => {
    const inputs = { ...BRANCH_DEPLOY_DEFAULTS, environmentTargets: ['dev', 'staging', 'prod'] };
    assert.deepEqual(parseBranchDeployComment(`.deploy ${BRANCH} to prod`, inputs), { accepted: false });
    assert.deepEqual(parseBranchDeployComment('.deploy main to prod', inputs), { accepted: true, target: 'prod', noop: false, stableBranch: true, params: null, sha: null });
    const sha = 'a'.repeat(40);
    assert.deepEqual(parseBranchDeployComment(`.deploy ${sha} to prod`, inputs), { accepted: true, target: 'prod', noop: false, stableBranch: false, params: null, sha });
    assert.deepEqual(parseBranchDeployComment('.deploy to prod | cpu=2', inputs), { accepted: true, target: 'prod', noop: false, stableBranch: false, params: 'cpu=2', sha: null });
  });

  it('refuses a "|" in a template value: it would smuggle deployment parameters', () => {
    const r = renderTemplate('.deploy to {{env}}', { env: 'prod | replicas=0' }, 'github');
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.invalid, [{ name: 'env', reason: 'contains "|", which branch-deploy reads as the start of deployment parameters' }]);
    assert.equal(renderTemplate('deploy {{env}}', { env: 'a|b' }, 'slack').ok, true, 'only where branch-deploy may read it');
  });

  it("classifies its result comments by their heading, never by words in a branch name", () => {
    assert.equal(branchDeployVerdict(triggered('prod')), 'info', `"failed" in ${BRANCH} is not a failure`);
    assert.equal(branchDeployVerdict(results('✅', 'prod')), 'success');
    assert.equal(branchDeployVerdict(results('❌', 'prod')), 'failure');
    assert.equal(branchDeployVerdict(results('⚠️', 'prod')), 'failure');
    assert.equal(branchDeployVerdict(cannotProceed), 'failure');
    assert.equal(branchDeployVerdict('### 🔒 Deployment Lock Claimed\n\nYou are now the only user that can trigger deployments to the `prod` environment'), 'info');
    assert.equal(branchDeployVerdict('LGTM, deployed!'), undefined, 'not one of its comments: the reply patterns decide');
  });

  it('defaults to following github-actions[bot]; the login is configurable', () => {
    assert.deepEqual(transportSettings({ github: {} }, 'github'), { kind: 'github', issue: undefined, bot: 'github-actions[bot]' });
    assert.deepEqual(transportSettings({ github: { bot: 'deploy-app[bot]', issue: 7 } }, 'github'), { kind: 'github', issue: 7, bot: 'deploy-app[bot]' });
  });

  it("follows only the bot's comments on the pull request and ends on its result (fake GitHub REST server on 127.0.0.1)", async function () {
    this.timeout(20_000);
    const gh = await startFakeGitHubServer({
      tokens: ['gho_test'],
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      bot: ({ kind, comment }) => {
        if (kind !== 'comment') return undefined;
        const parsed = parseBranchDeployComment(comment!.body, { ...BRANCH_DEPLOY_DEFAULTS, environmentTargets: ['dev', 'staging', 'prod'] });
        if (!parsed.accepted) return { body: cannotProceed, delayMs: 50, user: ACTIONS_BOT };
        return { body: triggered(parsed.target), delayMs: 50, user: ACTIONS_BOT };
      },
    });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-bd-'));
    try {
      const pr = gh.seedIssue('acme/shop-ops', { title: 'Fix login', pull: { head: BRANCH, base: 'main', draft: false, merged: false } }).number;
      const repo = { owner: 'acme', repo: 'shop-ops', host: '127.0.0.1' };
      const transport = new GitHubTransport(githubClientCommentPort(new GitHubClient({ token: 'gho_test', baseUrl: gh.url, retries: 0 }), repo), pr, 50);
      const sender = new ChatOpsSender({ audit: new AuditLog(path.join(dir, 'audit.jsonl')), user: 'ada', isTrusted: () => true });
      const patterns = feedbackPatternsFor({ transports: {}, commands: [], feedback: {} });
      const sending = sender.send({ text: '.deploy to prod', transport, patterns, followMs: 10_000 });
      // Once the workflow has started: a colleague asks in the thread, then the workflow finishes.
      const started = async () => {
        while (!gh.repo('acme/shop-ops').comments.some((c) => c.body.startsWith('### Deployment Triggered'))) await new Promise((r) => setTimeout(r, 20));
        gh.addComment('acme/shop-ops', pr, 'did it fail? ❌', { login: 'mona', type: 'User' });
        await new Promise((r) => setTimeout(r, 200));
        gh.addComment('acme/shop-ops', pr, results('✅', 'prod'), ACTIONS_BOT);
      };
      const [entry] = await Promise.all([sending, started()]);
      assert.equal(entry.status, 'success');
      assert.deepEqual(entry.replies.map((r) => r.author), ['github-actions[bot]', 'github-actions[bot]']);
      assert.match(entry.replies[0].text, /^### Deployment Triggered/);
      const refused = await sender.send({ text: `.deploy ${BRANCH} to prod`, transport, patterns, followMs: 10_000 });
      assert.equal(refused.status, 'failure', 'branch-deploy refuses a branch name as target');
    } finally {
      await gh.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
