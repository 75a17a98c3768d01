import * as assert from 'node:assert/strict';
import { addCatalogOverlays, CATALOG, CATALOG_PROD, CATALOG_STAGING } from '../host/catalogOverlays';
import { WorkbenchSession } from './workbench';

describe('kustomize overlays in the workbench (end to end: packaged .vsix, real kubectl kustomize, demo repo + catalog overlays)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;

  before(async () => {
    session = await WorkbenchSession.open(addCatalogOverlays);
  });

  after(async () => {
    await session?.close();
  });

  it("shows the drift of the value prod's patch sets, on the patch's own line: lens, live value and hover", async () => {
    const { page } = session;
    const view = await session.openYouOpsView();
    await session
      .treeRow(view, CATALOG_PROD)
      .locator('.label-description', { hasText: /1 drifted/ })
      .waitFor({ timeout: 60_000 });
    await session.quickOpen(CATALOG.prodPatch);
    const lens = page.locator('.codelens-decoration', { hasText: `⚠ Deployment catalog: spec.replicas drifted in ${CATALOG_PROD}` }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    const replicas = page.locator('.monaco-editor .view-line', { hasText: 'replicas: 3' }).first();
    await replicas.locator('span', { hasText: 'replicas' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: `Drift in ${CATALOG_PROD}` });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /desired \(Git\): 3/);
    assert.match(text, new RegExp(`live \\(${CATALOG_PROD}\\):\\s+2`));
    assert.match(text, /Overrides 1 at apps\/catalog\/base\/deployment\.yaml:10/);
    await page.waitForTimeout(300); // the hover's fade-in, for the screenshot
    await session.screenshot('kustomize-01-drift-in-patch-file');
  });

  it('shows both environments on the base they share, and where prod overrides a line', async () => {
    const { page } = session;
    await session.quickOpen(CATALOG.base);
    const lens = page.locator('.codelens-decoration', { hasText: `⚠ ${CATALOG_PROD}: 2 drifted · ✓ ${CATALOG_STAGING}` }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await session.screenshot('kustomize-02-shared-base');
    const replicas = page.locator('.monaco-editor .view-line', { hasText: 'replicas: 1' }).first();
    await replicas.locator('span', { hasText: 'replicas' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: `Drift in ${CATALOG_PROD}` });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /Set by apps\/catalog\/overlays\/prod\/deployment-patch\.yaml:7/);
    await page.waitForTimeout(300); // the hover's fade-in, for the screenshot
    await session.screenshot('kustomize-03-set-by-overlay');
  });
});
