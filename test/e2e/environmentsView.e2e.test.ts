import * as assert from 'node:assert/strict';
import { WorkbenchSession } from './workbench';

describe('YouOps in the workbench (end to end: packaged .vsix in code-server, driven in Chromium)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;

  before(async () => {
    session = await WorkbenchSession.open();
  });

  after(async () => {
    await session?.close();
  });

  it('shows the demo environments with their status in the YouOps view', async () => {
    const view = await session.openYouOpsView();
    for (const env of ['dev', 'staging', 'prod']) await session.treeRow(view, env).waitFor({ state: 'visible', timeout: 30_000 });
    const prod = session.treeRow(view, 'prod');
    await prod.locator('.label-description', { hasText: /3 drifted/ }).waitFor({ timeout: 30_000 });
    assert.match(await prod.innerText(), /3 drifted · 1 extra · 2 in sync/);
    // staging may still be refreshing when prod is done: its row says so until it is evaluated.
    await session
      .treeRow(view, 'staging')
      .locator('.label-description', { hasText: /1 missing/ })
      .waitFor({ timeout: 30_000 });
    await session.screenshot('01-environments');
  });

  it('expands prod down to the drifted field of web and opens its line', async () => {
    const view = await session.openYouOpsView();
    await session.treeRow(view, 'prod').click();
    const web = session.treeRow(view, 'web');
    await web.waitFor({ state: 'visible' });
    assert.match(await web.innerText(), /1 field drifted/);
    await web.locator('.monaco-tl-twistie').click();
    const field = session.treeRow(view, 'spec.replicas');
    await field.waitFor({ state: 'visible' });
    assert.match(await field.innerText(), /desired 3 · live 2/);
    await field.click();
    const tab = session.page.locator('.tabs-container .tab', { hasText: 'web.yaml' });
    await tab.waitFor({ state: 'visible' });
    await session.page.locator('.monaco-editor .view-line', { hasText: 'replicas: 3' }).first().waitFor();
    await session.screenshot('02-drifted-field', 'environments-view');
  });

  it('runs "YouOps: Validate Workspace" from the Command Palette and reports the result', async () => {
    await session.runCommand('YouOps: Validate Workspace');
    const toast = session.page.locator('.notifications-toasts .notification-toast', { hasText: 'are valid' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /youops\.yaml and the environments' manifests are valid/);
    await session.screenshot('03-validate-workspace');
  });

  it('shows the drift status lens, the live value and a hover on a manifest opened with Quick Open', async () => {
    const { page } = session;
    await session.quickOpen('envs/prod/web.yaml');
    const lens = page.locator('.codelens-decoration', { hasText: '⚠ 1 field drifted in prod' }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await page.locator('.codelens-decoration').first().innerText(), /Show diff/);
    const replicas = page.locator('.monaco-editor .view-line', { hasText: 'replicas: 3' }).first();
    await replicas.locator('span', { hasText: 'replicas' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Drift in prod' });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /desired \(Git\): 3/);
    assert.match(await hover.innerText(), /Show diff/);
    await session.settled(hover);
    await session.screenshot('04-lens-and-hover', 'drift-in-editor');
  });

  it('shows what each environment runs against main, and marks the History commit prod has not deployed yet', async () => {
    const { page } = session;
    const view = await session.openYouOpsView();
    // Wider, as a person would drag the sidebar to read the whole row.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      await page.mouse.move(sidebar.x + sidebar.width - 1, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + sidebar.width + 260, sidebar.y + sidebar.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    assert.match(await session.treeRow(view, 'dev').innerText(), /runs [0-9a-f]{7} ✓ latest · 5 in sync/);
    assert.match(await session.treeRow(view, 'prod').innerText(), /runs [0-9a-f]{7} — 1 commit behind main · 3 drifted/);
    const history = session.treeRow(view, 'History');
    await history.waitFor({ state: 'visible' });
    assert.match(await history.innerText(), /1 not deployed yet/);
    await history.click();
    const promotion = session.treeRow(view, 'prod: promote shop from staging');
    await promotion.waitFor({ state: 'visible' });
    assert.match(await promotion.innerText(), /not deployed yet · [0-9a-f]{7}/);
    await promotion.locator('.codicon-circle-large-outline').waitFor();
    await session.runCommand('Notifications: Clear All Notifications');
    await session.screenshot('05-environment-revision', 'deployed-revision');
  });
});
