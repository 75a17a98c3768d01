import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { REPO_ROOT, startCodeServer, type CodeServerOptions } from './codeServer';
import { createUntrustedWorkspace, untrustedUserSettings } from './untrustedWorkspace';
import { createDemoWorkspace, removeDemoWorkspace } from './workspace';

/**
 * Runs a mocha suite (out/test/suite by default, `--suite untrusted` for
 * out/test/suite-untrusted) inside code-server's real Node extension host, the
 * way @vscode/test-electron does on desktop: the workbench loads the extension
 * under development and the tests module from the `payload` query parameter and
 * reports back through codeAutomationExit.
 */
/** Workbench log lines about the unreachable extension gallery (open-vsx.org) on an offline machine. */
const OFFLINE_GALLERY_NOISE = /getaddrinfo ENOTFOUND open-vsx\.org/;

const TIMEOUT_MS = Number(process.env.YOUOPS_EXTENSION_TEST_TIMEOUT ?? 300_000);

interface Suite {
  dir: string;
  /** Screenshot of the workbench when the suite fails, under .test-artifacts/. */
  failureShot: string;
  workspace(): string;
  server(workspace: string): CodeServerOptions;
}

const SUITES: Record<string, Suite> = {
  trusted: { dir: 'suite', failureShot: 'extension-tests-failure.png', workspace: () => createDemoWorkspace(), server: () => ({}) },
  // Workspace Trust on and the folder never trusted: VS Code web keeps trusted folders in the
  // browser's storage, empty in each fresh profile, so the folder opens in Restricted Mode. The
  // startup prompt is a modal nobody answers here (a test workbench even refuses to show it):
  // `never` opens the folder restricted without asking.
  untrusted: {
    dir: 'suite-untrusted',
    failureShot: 'extension-tests-untrusted-failure.png',
    workspace: () => createUntrustedWorkspace(),
    server: (workspace) => ({
      workspaceTrust: true,
      settings: { 'security.workspace.trust.startupPrompt': 'never', ...untrustedUserSettings(workspace) },
    }),
  },
};

function suiteFromArgs(argv: string[]): Suite {
  const i = argv.indexOf('--suite');
  const name = i >= 0 ? argv[i + 1] : 'trusted';
  const suite = Object.hasOwn(SUITES, name) ? SUITES[name] : undefined;
  if (!suite) throw new Error(`unknown --suite "${name}": one of ${Object.keys(SUITES).join(', ')}`);
  return suite;
}

async function main(): Promise<number> {
  const suite = suiteFromArgs(process.argv.slice(2));
  const testsPath = path.join(REPO_ROOT, 'out', 'test', suite.dir, 'index');
  if (!fs.existsSync(testsPath + '.js')) throw new Error(`${testsPath}.js is missing: run npm run compile-tests`);
  const workspace = suite.workspace();
  const server = await startCodeServer(suite.server(workspace));
  const browser = await launchBrowser();
  let settle!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (settle = resolve));
  const timer = setTimeout(() => {
    console.error(`extension tests did not finish within ${TIMEOUT_MS / 1000}s`);
    settle(3);
  }, TIMEOUT_MS);
  try {
    const { page } = browser;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The runner logs printf-style (mocha's spec reporter): format like console.log would.
      const line = format(...((args ?? []) as [unknown, ...unknown[]]));
      // The workbench looks up its extension gallery, which this offline host cannot reach: noise, not a finding.
      if (OFFLINE_GALLERY_NOISE.test(line)) return;
      (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));
    // Only the extension host's output matters here; the workbench's own chatter (gallery lookups
    // that fail offline) goes to the host log.

    const authority = await remoteAuthority(server.folderUrl(workspace));
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    await page.goto(
      server.folderUrl(workspace, [
        ['extensionDevelopmentPath', remote(REPO_ROOT)],
        ['extensionTestsPath', remote(testsPath)],
      ]),
    );
    const code = await exited;
    if (code !== 0 && process.env.YOUOPS_ARTIFACTS !== '0') {
      const shot = path.join(REPO_ROOT, '.test-artifacts', suite.failureShot);
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`screenshot: ${shot}; host log: ${path.join(server.stateDir, 'code-server.log')}`);
    }
    return code;
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.stop();
    removeDemoWorkspace(workspace);
  }
}

/** The workbench's remote authority, read from the page config code-server serves. */
async function remoteAuthority(pageUrl: string): Promise<string> {
  const html = await (await fetch(pageUrl)).text();
  const m = /id="vscode-workbench-web-configuration"\s+data-settings="([^"]*)"/.exec(html);
  if (!m) throw new Error('workbench configuration not found in the code-server page');
  const json = m[1]
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'");
  const authority = (JSON.parse(json) as { remoteAuthority?: string }).remoteAuthority;
  if (!authority) throw new Error('code-server page has no remoteAuthority');
  return authority;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(2);
  },
);
