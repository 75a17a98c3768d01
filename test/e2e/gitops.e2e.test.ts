import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeGitHubServer, type FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { bareOriginOf, git } from '../host/bareOrigin';
import { WorkbenchSession } from './workbench';

const TOKEN = 'fake-e2e-gitops-token';
const TOKEN_ENV = 'YOUOPS_TEST_GITHUB_TOKEN';

describe('GitOps promotion in the workbench (end to end: packaged .vsix in code-server, bare origin on disk, fake GitHub on 127.0.0.1)', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let gh: FakeGitHubServer;
  let bare: string;

  before(async () => {
    // shop-ops too: the demo's IssueOps repository, so the Tickets view beside the promotion is as in the demo.
    gh = await startFakeGitHubServer({
      tokens: [TOKEN],
      repos: [
        { owner: 'acme', name: 'shop' },
        { owner: 'acme', name: 'shop-ops' },
      ],
    });
    process.env[TOKEN_ENV] = TOKEN;
    session = await WorkbenchSession.open();
    // The demo repo's origin looks like GitHub; insteadOf sends pushes to a bare repo on disk.
    bare = bareOriginOf(session.workspace);
    await session.useGitHubApi(gh.url);
  });

  after(async () => {
    delete process.env[TOKEN_ENV];
    await session?.close();
    await gh?.close();
  });

  it('promotes web from staging to prod with the "Promote to prod" lens: values, patch, protected confirmation, pull request', async () => {
    const { page } = session;
    await session.openYouOpsView();
    await session.clickCodeLens('envs/staging/web.yaml', 'Promote to prod');

    // The values that differ, the image tag preselected; the person accepts the selection.
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Promote staging → prod: which values?' }).waitFor({ timeout: 30_000 });
    await widget.locator('.monaco-list-row', { hasText: 'containers[name=web].image' }).first().waitFor();
    await session.screenshot('gitops-01-pick-values');
    await page.keyboard.press('Enter');

    // The dry run: the exact patch in an editor, and the protected environment's confirmation.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.innerText(), /prod is protected\. Open a pull request that changes it\?/);
    await page.locator('.monaco-editor .view-line', { hasText: '+          image: ghcr.io/acme/shop-web:1.4.2' }).first().waitFor();
    await session.screenshot('gitops-02-patch-and-confirm', 'gitops-promote');
    await dialog.locator('.monaco-button', { hasText: 'Create Pull Request' }).click();

    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Pull request #1 opened' });
    await toast.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err: unknown) => {
      await session.screenshot('gitops-failure');
      throw err;
    });
    await session.screenshot('gitops-03-pull-request-opened');
    const pr = gh.repo('acme/shop').issues[0];
    assert.match(pr.title, /^Promote staging → prod: Deployment web: spec\.template\.spec\.containers\[name=web\]\.image = ghcr\.io\/acme\/shop-web:1\.4\.2$/);
    const pushed = git(bare, 'show', `${pr.pull!.head}:envs/prod/web.yaml`);
    assert.equal(pushed, fs.readFileSync(path.join(session.workspace, 'envs/prod/web.yaml'), 'utf8').replace('shop-web:1.4.1', 'shop-web:1.4.2'));
    assert.equal(git(session.workspace, 'status', '--porcelain'), '');
  });
});
