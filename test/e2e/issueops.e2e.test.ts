import * as assert from 'node:assert/strict';
import { startFakeGitHubServer, type FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { WorkbenchSession } from './workbench';

const TOKEN = 'fake-e2e-session-token';
const TOKEN_ENV = 'YOUOPS_TEST_GITHUB_TOKEN';

describe('IssueOps in the workbench (end to end: packaged .vsix in code-server, fake GitHub REST server on 127.0.0.1, fake session)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let gh: FakeGitHubServer;

  before(async () => {
    gh = await startFakeGitHubServer({
      tokens: [TOKEN],
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      bot: ({ kind, issue }) => (kind === 'issue' ? { body: `✅ Deploy queued. PR: https://github.com/acme/shop-ops/pull/${issue.number + 40}` } : undefined),
    });
    // code-server's extension host inherits this; YouOps honours it only for a loopback API URL.
    process.env[TOKEN_ENV] = TOKEN;
    session = await WorkbenchSession.open();
    await session.useGitHubApi(gh.url);
  });

  after(async () => {
    delete process.env[TOKEN_ENV];
    await session?.close();
    await gh?.close();
  });

  it('opens a ticket from the "Open ticket" code lens of a drifted manifest and shows it in the tree', async () => {
    const { page } = session;
    await session.openYouOpsView();
    await session.clickCodeLens('envs/prod/web.yaml', 'Open ticket');

    // Template chooser, then the only question the context could not answer: the required checkbox.
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row', { hasText: 'Deploy request' }).first().click();
    await widget.locator('.quick-input-title', { hasText: 'Checks (required)' }).waitFor({ timeout: 15_000 });
    const box = widget.locator('.monaco-list-row', { hasText: 'The version passed staging' }).first();
    await box.click();
    await box
      .locator('[aria-checked="true"], input:checked, .monaco-custom-toggle.checked')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await page.keyboard.press('Enter');

    // The review list with the ticket rendered beside it, as GitHub will show it (the hidden markers stay hidden).
    await widget.locator('.quick-input-title', { hasText: 'Deploy request → acme/shop-ops' }).waitFor({ timeout: 15_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Preview [deploy] web to prod.md' }).waitFor({ timeout: 15_000 });
    const preview = session.markdownPreview();
    await preview.locator('h3', { hasText: 'Environment' }).waitFor({ timeout: 15_000 });
    assert.equal(await preview.locator('h1').first().innerText(), '[deploy] web to prod');
    assert.doesNotMatch(await preview.locator('body').innerText(), /youops:ticket|<!--/);
    await session.screenshot('issueops-01-review-and-preview', 'issueops-ticket');
    const create = widget.locator('.monaco-list-row', { hasText: 'Create issue' }).first();
    assert.match(await create.innerText(), /in acme\/shop-ops/);
    await create.click();
    // The flow is over: its preview closes.
    await page.locator('.tabs-container .tab', { hasText: 'Preview [deploy] web to prod.md' }).waitFor({ state: 'detached', timeout: 15_000 });

    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Created: #1' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err: unknown) => {
      await session.screenshot('issueops-failure');
      throw err;
    });
    assert.match(await toast.innerText(), /\[deploy\] web to prod/);
    assert.match(await toast.innerText(), /Open in Browser/);
    const issue = gh.repo('acme/shop-ops').issues[0];
    assert.equal(issue.title, '[deploy] web to prod');
    // The hidden markers come first, where issue-form parsers read nothing.
    assert.match(
      issue.body ?? '',
      /^<!-- youops:idempotency-key=[\w.:-]+ -->\n<!-- youops:ticket template=deploy-request\.yml env=prod -->\n\n### Environment\n\nprod\n\n### Service\n\nweb\n\n### Version\n\n1\.4\.1\n\n/,
    );

    // prod → Tickets → the new ticket, with the bot's answer as its status.
    const view = await session.openYouOpsView();
    const prod = session.treeRow(view, 'prod');
    await prod.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await prod.getAttribute('aria-expanded')) !== 'true') await prod.click();
    const tickets = view.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^Tickets$/ }) }).first();
    await tickets.waitFor({ state: 'visible', timeout: 15_000 });
    // Clicking an expanded row would collapse it.
    if ((await tickets.getAttribute('aria-expanded')) !== 'true') await tickets.click();
    const row = session.treeRow(view, '#1 [deploy] web to prod');
    await row.waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err: unknown) => {
      await session.screenshot('issueops-failure');
      throw err;
    });
    await row.locator('.label-description', { hasText: 'Deploy queued' }).waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /✅ Deploy queued/);
    await row.hover();
    await session.screenshot('issueops-02-ticket-in-tree');
  });
});
