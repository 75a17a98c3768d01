import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startHubot, type RunningHubot } from '../fake-servers/hubot/startHubot';
import { WorkbenchSession } from './workbench';

describe('ChatOps in the workbench (end to end: packaged .vsix in code-server, a real Hubot on 127.0.0.1)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let hubot: RunningHubot;

  before(async () => {
    hubot = await startHubot();
    session = await WorkbenchSession.open();
    // The demo's `release` command goes to a Hubot on 127.0.0.1:8080; point it at this run's Hubot.
    const config = path.join(session.workspace, 'youops.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('http://127.0.0.1:8080/youops/chatops', hubot.url));
  });

  after(async () => {
    await session?.close();
    await hubot?.stop();
  });

  it('sends "release" from the Command Palette, confirms for prod and shows Hubot’s answer as a notification and in the tree', async () => {
    const { page } = session;
    const view = await session.openYouOpsView();
    await session.treeRow(view, 'prod').waitFor({ state: 'visible', timeout: 30_000 });

    await session.runCommand('YouOps: Send ChatOps Command…');
    const quick = page.locator('.quick-input-widget');
    const input = quick.locator('input');
    const row = (text: string | RegExp) => quick.locator('.monaco-list-row', { hasText: text }).first();

    await row('release').waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('release');
    await row('release').click();
    await row('prod').waitFor({ state: 'visible' });
    await input.fill('prod');
    await row('prod').click();
    await row(/web.*Deployment/).waitFor({ state: 'visible' });
    await input.fill('web');
    await row(/web.*Deployment/).click();

    // The preview is the exact message, prefilled from web's image tag in prod.
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: /Preview — Enter sends this to bot at 127\.0\.0\.1/ })
      .waitFor({ state: 'visible' });
    assert.equal(await input.inputValue(), 'deploy 1.4.1 to prod');
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /prod is protected\. Send this ChatOps command\?[\s\S]*deploy 1\.4\.1 to prod/);
    await dialog.locator('.monaco-button', { hasText: /^Send$/ }).click();

    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Deployed shop 1.4.1 to prod' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /✓ deploy 1\.4\.1 to prod — hubot: ✅ Deployed shop 1\.4\.1 to prod/);

    await session.treeRow(view, 'prod').click();
    const last = view.locator('.monaco-list-row', { hasText: 'Last command: deploy 1.4.1 to prod → ✓' });
    await last.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await last.innerText(), /s ago/);
    // The progress notification closes once the answer is in.
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'sending to bot' }).waitFor({ state: 'hidden', timeout: 15_000 });
    // Widen the sidebar so the whole "Last command" row is readable in the screenshot.
    const sidebar = (await page.locator('.part.sidebar').boundingBox())!;
    await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 220, sidebar.y + 300, { steps: 5 });
    await page.mouse.up();
    await session.screenshot('05-chatops-feedback', 'chatops-feedback');

    await toast.locator('.monaco-button', { hasText: 'Show Log' }).click();
    const output = page.locator('.part.panel .view-lines');
    await output.locator('.view-line', { hasText: '← hubot: ✅ Deployed shop 1.4.1 to prod' }).waitFor({ state: 'visible', timeout: 15_000 });
    // The editor renders spaces as U+00A0.
    assert.match((await output.innerText()).replace(/\u00a0/g, ' '), /→ bot at 127\.0\.0\.1:\d+ \[prod\]: deploy 1\.4\.1 to prod/);
    await session.screenshot('06-chatops-output');
  });
});
