import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bareOriginOf, git } from '../host/bareOrigin';
import { WorkbenchSession } from './workbench';

/**
 * A newcomer's first hour with the demo, as README's `npm run demo` serves it: no GitHub sign-in
 * (VS Code's own consent dialog is cancelled, as a person without an account here would), the
 * demo's bare origin on disk, every step driven through the UI.
 */
describe('the first hour in the demo (end to end: packaged .vsix in code-server, the demo’s bare origin, VS Code’s real GitHub consent dialog)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let bare: string;

  before(async () => {
    session = await WorkbenchSession.open();
    bare = bareOriginOf(session.workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await session.screenshot(`first-failure-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await session?.close();
  });

  const toast = (text: string | RegExp) => session.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const quick = () => session.page.locator('.quick-input-widget');
  const row = (text: string | RegExp) => quick().locator('.monaco-list-row', { hasText: text }).first();

  /** Cancels VS Code's "wants to sign in using GitHub" dialog. */
  const cancelSignIn = async () => {
    const consent = session.page.locator('.monaco-dialog-box', { hasText: 'wants to sign in using GitHub' });
    await consent.waitFor({ state: 'visible', timeout: 60_000 });
    await consent.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
  };

  /** Puts the cursor at the start of the text of the first line of the open editor matching `text`. */
  const goToLine = async (file: string, text: string) => {
    const n = fs
      .readFileSync(path.join(session.workspace, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text));
    assert.ok(n >= 0, `${file}: ${text}`);
    await session.page.keyboard.press('Control+G');
    await session.page.keyboard.type(String(n + 1));
    await row(`Go to line ${n + 1}`).waitFor({ state: 'visible' });
    await session.page.keyboard.press('Enter');
    await quick().waitFor({ state: 'hidden' });
    await session.page.keyboard.press('Home');
  };

  it('has its own activity-bar icon, and the palette offers only what can run here', async () => {
    const { page } = session;
    const view = await session.openYouOpsView();
    await session.treeRow(view, 'prod').waitFor({ state: 'visible', timeout: 30_000 });
    const icon = page.locator('.part.activitybar .action-label[aria-label^="YouOps"]');
    type Style = Record<'maskImage' | 'webkitMaskImage', string | undefined>;
    const mask = await icon.evaluate((e) => {
      const style = (globalThis as unknown as { getComputedStyle(el: unknown): Style }).getComputedStyle(e);
      return style.maskImage || style.webkitMaskImage || '';
    });
    assert.match(mask, /environments\.svg/);

    const titles = async (filter: string) => {
      await page.keyboard.press('Control+Shift+P');
      const input = quick().locator('input');
      await input.fill(`>${filter}`);
      await page.waitForTimeout(500);
      const texts = await quick().locator('.monaco-list-row .label-name').allInnerTexts();
      return texts.map((t) => t.replace(/\s+/g, ' ').trim());
    };
    await titles('YouOps: ');
    await session.screenshot('first-01-palette');
    await page.keyboard.press('Escape');
    for (const title of ['YouOps: Open IssueOps Ticket…', 'YouOps: Promote…', 'YouOps: Show Drift (Desired ↔ Live)']) {
      const shown = await titles(title);
      await page.keyboard.press('Escape');
      assert.ok(shown.includes(title), `${title} in\n${shown.join('\n')}`);
    }
    // The demo reads no live state from Argo CD or Flux: their commands are not offered either.
    for (const hidden of [
      'Argo CD: Sync Now',
      'Flux: Reconcile',
      'Create youops.yaml',
      'Reveal Resource in Manifest',
      'Reveal in Environments View',
      'Show Commit',
      'Resend Ticket Draft',
      'Comment on Ticket',
      'Set Argo CD Token',
      'Set Chat Webhook URL',
    ]) {
      const left = await titles(`YouOps: ${hidden}`);
      await page.keyboard.press('Escape');
      assert.ok(!left.some((t) => t.includes(hidden)), `"${hidden}" is not offered here: ${left.join(' | ')}`);
    }
  });

  it('completes the walkthrough’s “Describe your environments” step, since youops.yaml exists, and “See environments and drift”, since the view is open', async () => {
    const { page } = session;
    await session.openYouOpsView();
    await session.runCommand('YouOps: Get Started with YouOps');
    const step = page.locator('.getting-started-step', { hasText: 'Describe your environments' }).first();
    await step.waitFor({ state: 'visible', timeout: 30_000 });
    await step.locator('.codicon.complete').waitFor({ timeout: 15_000 });
    // The view was open before the page registered the walkthrough: `onView` alone never completed this step.
    const seen = page.locator('.getting-started-step', { hasText: 'See environments and drift' }).first();
    await seen.locator('.codicon.complete').waitFor({ timeout: 15_000 });
    await session.screenshot('first-02-walkthrough');
    await session.runCommand('View: Close All Editors');
  });

  it('checks youops.yaml while it is typed; a saved typo keeps the environments (prod still expanded) under the error', async () => {
    const { page } = session;
    const view = await session.openYouOpsView();
    const prod = session.treeRow(view, 'prod');
    if ((await prod.getAttribute('aria-expanded')) !== 'true') await prod.click();
    await session.treeRow(view, 'Deployment').waitFor({ state: 'visible' });

    await session.quickOpen('youops.yaml');
    await goToLine('youops.yaml', 'promotesFrom: staging');
    for (let i = 0; i < 'promote'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete'); // promotesFrom → promoteFrom, not saved
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.tabs-container .tab.dirty', { hasText: 'youops.yaml' }).waitFor();
    await session.screenshot('first-03-config-while-typing');

    await page.keyboard.press('Control+S');
    await session.treeRow(view, 'youops.yaml has 1 error').waitFor({ state: 'visible', timeout: 30_000 });
    for (const env of ['dev', 'staging', 'prod']) await session.treeRow(view, env).waitFor({ state: 'visible' });
    assert.equal(await prod.getAttribute('aria-expanded'), 'true', 'prod keeps its expansion');
    await session.treeRow(view, 'Deployment').waitFor({ state: 'visible' });
    await view.locator('.message', { hasText: 'from its last valid version' }).waitFor({ timeout: 15_000 });
    await session.screenshot('first-04-saved-typo-keeps-tree');

    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await session.treeRow(view, 'youops.yaml has 1 error').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('Show Drift with no manifest open lists what is out of sync', async () => {
    const { page } = session;
    await session.runCommand('View: Close All Editors');
    await session.runCommand('YouOps: Show Drift (Desired ↔ Live)');
    await row('debug-shell').waitFor({ state: 'visible', timeout: 15_000 });
    await row('spec.replicas (desired 3, live 2)').waitFor();
    await session.screenshot('first-05-show-drift-list');
    await quick().locator('input').fill('debug-shell');
    await page.keyboard.press('Enter');
    const live = page.locator('.monaco-diff-editor .modified .view-line', { hasText: 'image: busybox:1.36' }).first();
    await live.waitFor({ state: 'visible', timeout: 15_000 });
    assert.doesNotMatch(await page.locator('.monaco-diff-editor .editor.modified').innerText(), /resourceVersion|managedFields|uid:/);
  });

  it('Promote… from the palette in a staging manifest pushes the branch; without a GitHub sign-in it says how to open the pull request', async () => {
    const { page } = session;
    await session.quickOpen('envs/staging/web.yaml');
    await page.locator('.codelens-decoration', { hasText: 'in sync with staging' }).first().waitFor({ timeout: 30_000 });
    await session.runCommand('YouOps: Promote…');
    await row('staging → prod').waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await quick().locator('.monaco-list').innerText(), /staging → prod[\s\S]*dev → staging/);
    await row('staging → prod').click();
    await quick().locator('.quick-input-title', { hasText: 'Promote staging → prod: which values?' }).waitFor({ timeout: 30_000 });
    // The image in full on the detail line.
    await row('containers[name=web].image').locator('.label-description', { hasText: 'web.yaml:' }).waitFor();
    assert.match(await row('containers[name=web].image').innerText(), /ghcr\.io\/acme\/shop-web:1\.4\.1 → ghcr\.io\/acme\/shop-web:1\.4\.2/);
    await session.screenshot('first-06-promote-values');
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'prod is protected' });
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: 'Create Pull Request' }).click();
    await cancelSignIn();

    const pushed = toast(/Pushed youops\/promote-staging-to-prod-/);
    await pushed.waitFor({ state: 'visible', timeout: 60_000 });
    const text = await pushed.innerText();
    assert.match(
      text,
      /but the pull request is not open yet: the GitHub sign-in was cancelled\. Sign in to GitHub to open it, or open it on the compare page\./,
    );
    for (const button of ['Sign in to GitHub', 'Open Compare Page', 'Copy Branch Name']) await pushed.locator('.monaco-button', { hasText: button }).waitFor();
    await session.screenshot('first-07-promote-pushed-no-sign-in');
    const branch = /Pushed (\S+) to origin/.exec(text.replace(/\s+/g, ' '))![1];
    assert.match(git(bare, 'show', `${branch}:envs/prod/web.yaml`), /shop-web:1\.4\.2/);
    await session.runCommand('Notifications: Clear All Notifications');
  });

  it('Roll Back… from the palette in a prod manifest reverts a History commit and pushes it the same way', async () => {
    const { page } = session;
    // A teammate's release lands on main: the commit to roll back.
    const prodApi = path.join(session.workspace, 'envs/prod/api.yaml');
    fs.writeFileSync(prodApi, fs.readFileSync(prodApi, 'utf8').replace('shop-api:2.2.0', 'shop-api:2.2.1-hotfix'));
    git(session.workspace, 'commit', '-qam', 'prod: api 2.2.1-hotfix');
    git(session.workspace, 'push', '-q', 'origin', 'main');
    // HEAD moved: the view refreshes prod's History by itself.
    const view = await session.openYouOpsView();
    await view.locator('.monaco-list-row', { hasText: 'last: prod: api 2.2.1-hotfix' }).waitFor({ timeout: 30_000 });
    await session.runCommand('View: Close All Editors');
    await session.quickOpen('envs/prod/web.yaml');
    await session.runCommand('YouOps: Roll Back…');
    await quick().locator('.quick-input-title', { hasText: 'Roll back prod: which commit?' }).waitFor({ timeout: 15_000 });
    await row('prod: api 2.2.1-hotfix').click();
    await row(/Revert [0-9a-f]{7}/).click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Open a pull request that rolls it back?' });
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.monaco-editor .view-line', { hasText: '+          image: ghcr.io/acme/shop-api:2.2.0' }).first().waitFor();
    await dialog.locator('.monaco-button', { hasText: 'Create Pull Request' }).click();
    await cancelSignIn();
    const pushed = toast(/Pushed youops\/rollback-prod-/);
    await pushed.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await pushed.innerText(), /the pull request is not open yet: the GitHub sign-in was cancelled/);
    await pushed.locator('.monaco-button', { hasText: 'Copy Branch Name' }).waitFor();
    await session.settled(pushed);
    await session.screenshot('first-08-rollback-pushed');
    await session.runCommand('Notifications: Clear All Notifications');
  });

  it('Open IssueOps Ticket… from the palette on a drifted line: prefilled, rendered, and kept as a draft when the sign-in is cancelled', async () => {
    const { page } = session;
    await session.runCommand('View: Close All Editors');
    await session.quickOpen('envs/prod/web.yaml');
    await goToLine('envs/prod/web.yaml', 'replicas: 3');
    await session.runCommand('YouOps: Open IssueOps Ticket…');
    await quick().locator('.quick-input-title', { hasText: 'Open IssueOps ticket in acme/shop-ops — prod' }).waitFor({ timeout: 15_000 });
    await row('Deploy request').click();
    await quick().locator('.quick-input-title', { hasText: 'Checks (required)' }).waitFor({ timeout: 15_000 });
    await row('The version passed staging').click();
    await page.keyboard.press('Enter');
    await quick().locator('.quick-input-title', { hasText: 'Deploy request → acme/shop-ops' }).waitFor({ timeout: 15_000 });
    for (const [field, value] of [
      ['Environment', 'prod'],
      ['Service', 'web'],
      ['Version', '1.4.1'],
    ]) {
      assert.match(await row(new RegExp(`^\\s*${field}`)).innerText(), new RegExp(value.replace(/\./g, '\\.')));
    }
    await session.markdownPreview().locator('li', { hasText: 'spec.replicas: desired 3, live 2' }).waitFor({ timeout: 15_000 });
    await row('Create issue').click();
    await cancelSignIn();

    const failed = toast('not sent');
    await failed.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      (await failed.innerText()).replace(/\s+/g, ' '),
      /Ticket "\[deploy\] web to prod" not sent: The GitHub sign-in was cancelled\. It is kept as a draft: Resend sends it again/,
    );
    for (const button of ['Sign in to GitHub', 'Resend', 'Edit Draft']) await failed.locator('.monaco-button', { hasText: new RegExp(`^${button}`) }).waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'Preview [deploy] web to prod.md' }).waitFor({ state: 'detached', timeout: 15_000 });
    await session.screenshot('first-09-ticket-kept-after-cancelled-sign-in');
  });
});
