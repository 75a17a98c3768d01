import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkbenchSession } from './workbench';

const BROKEN_DEPLOYMENT = path.resolve(__dirname, '../../../test/fixtures/manifests/broken-deployment.yaml');

describe('schema validation in the workbench (end to end: Problems panel and hover)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;

  before(async () => {
    session = await WorkbenchSession.open();
    fs.copyFileSync(BROKEN_DEPLOYMENT, path.join(session.workspace, 'envs', 'dev', 'broken-deployment.yaml'));
  });

  after(async () => {
    await session?.close();
  });

  it("lists a broken manifest's schema errors in the Problems panel", async () => {
    const { page } = session;
    await session.quickOpen('broken-deployment.yaml');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.locator('.monaco-list-row', { hasText: 'did you mean "replicas"' }).waitFor({ timeout: 30_000 });
    const text = await problems.innerText();
    assert.match(text, /spec: unknown field "replica" — did you mean "replicas"\?/);
    assert.match(text, /containerPort: expected integer, got string "8080"/);
    await session.screenshot('07-problems-panel', 'validation-problems');
  });

  it('shows the schema description of a field on hover', async () => {
    const { page } = session;
    await session.quickOpen('envs/prod/web.yaml');
    const line = page.locator('.monaco-editor .view-line', { hasText: 'selector:' }).first();
    await line.locator('span', { hasText: 'selector' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'spec.selector' });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /Label selector for pods/i);
    // The hover fades in; let the animation finish so the screenshot shows what a person reads.
    await page.waitForTimeout(300);
    await session.screenshot('08-schema-hover');
  });
});
