import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser, waitForWorkbench, type Browser } from '../host/browser';
import { REPO_ROOT, startCodeServer, type CodeServer } from '../host/codeServer';
import { createDemoWorkspace, removeDemoWorkspace } from '../host/workspace';

export const ARTIFACTS = path.join(REPO_ROOT, '.test-artifacts', 'e2e');
const README_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** A person's session: the packaged extension installed in a fresh VS Code, the demo repo open in Chromium. */
export class WorkbenchSession {
  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly workspace: string,
  ) {}

  get page(): Page {
    return this.browser.page;
  }

  /** `prepare` changes the demo repo before the workbench opens it (more environments, say). */
  static async open(prepare?: (workspace: string) => void): Promise<WorkbenchSession> {
    const vsix = findVsix();
    const workspace = createDemoWorkspace();
    prepare?.(workspace);
    const server = await startCodeServer({ vsixFiles: [vsix] });
    const browser = await launchBrowser();
    const session = new WorkbenchSession(server, browser, workspace);
    await browser.page.goto(server.folderUrl(workspace));
    await waitForWorkbench(browser.page);
    return session;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    removeDemoWorkspace(this.workspace);
  }

  /**
   * Keeps a screenshot under .test-artifacts/e2e/. `readme` names the README image it is
   * (docs/images/<readme>.png), rewritten there when YOUOPS_README_IMAGES=1: the README's
   * screenshots are retaken from the demo by running the e2e tests.
   */
  async screenshot(name: string, readme?: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    if (readme && process.env.YOUOPS_README_IMAGES === '1') fs.copyFileSync(file, path.join(README_IMAGES, `${readme}.png`));
    return file;
  }

  /** Runs a command from the Command Palette by typing its title, like a person would. */
  async runCommand(title: string): Promise<void> {
    await this.page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 400 }, force: true })
      .catch(() => undefined);
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /** Opens a file with Quick Open (Ctrl+P), as a person would. */
  async quickOpen(file: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(file);
    // The row of this very file: recently opened files with the same name are listed too.
    const dir = path.dirname(file);
    let row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(file) });
    if (dir !== '.') row = row.filter({ hasText: dir });
    await row.first().waitFor();
    await row.first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: path.basename(file) }).waitFor();
  }

  /**
   * Points YouOps at a (fake) GitHub API. youops.github.apiUrl is application-scoped, so it goes in the
   * user settings; the reload starts the workbench with it, as after a person edited it and reopened the window.
   */
  async useGitHubApi(url: string): Promise<void> {
    const settingsFile = path.join(this.server.stateDir, 'user-data', 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'youops.github.apiUrl': url }, null, 2));
    await this.page.reload();
    await waitForWorkbench(this.page);
  }

  /** Opens `file` and clicks its code lens titled `title`, once the lens has rendered. */
  async clickCodeLens(file: string, title: string): Promise<void> {
    await this.quickOpen(file);
    const lens = this.page.locator('.codelens-decoration a', { hasText: title }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await lens.click();
  }

  async openYouOpsView(): Promise<Locator> {
    const view = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: 'Environments' }) });
    // Clicking the icon of the view that is already showing would close the sidebar.
    if (!(await view.isVisible())) {
      const label = this.page.locator('.action-label[aria-label^="YouOps"]');
      await this.page.locator('.part.activitybar .action-item', { has: label }).click();
    }
    await view.waitFor({ state: 'visible' });
    return view;
  }

  /** Waits until `locator`'s animations (a hover fading in, a toast sliding up) are over, so a screenshot shows it whole. */
  async settled(locator: Locator): Promise<void> {
    type Animated = { getAnimations(options: { subtree: boolean }): Array<{ finished: Promise<unknown> }> };
    await locator.evaluate((e) => Promise.all((e as unknown as Animated).getAnimations({ subtree: true }).map((a) => a.finished)));
  }

  /** The content of the Markdown preview webview that is showing (VS Code nests it in two iframes). */
  markdownPreview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  treeRow(view: Locator, label: string): Locator {
    return view.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
  }
}

function findVsix(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(REPO_ROOT, `youops-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
