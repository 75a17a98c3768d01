import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsApi } from '../../src/extension';
import { TEST_TOKEN_ENV } from '../../src/vscode/auth/githubAuth';
import type { GitOpsPrompter } from '../../src/vscode/gitops/gitOpsPrompter';
import { startFakeGitHubServer, type FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from '../suite/helpers';

const TOKEN = 'untrusted-gitops-token';
const ORIGIN_URL = 'https://github.com/acme/shop.git';

/** Says yes to everything, so only Workspace Trust can stop a push; records what was asked and shown. */
function yesToEverything() {
  const asked: string[] = [];
  const patches: string[] = [];
  const notes: string[] = [];
  const prompter: GitOpsPrompter = {
    async pickOne(items, options) {
      asked.push(`pickOne: ${options.title}`);
      return items[0]?.value;
    },
    async pickMany(items, options) {
      asked.push(`pickMany: ${options.title}`);
      return items.filter((i) => i.picked).map((i) => i.value);
    },
    async showPatch(title, patch) {
      asked.push(`patch: ${title}`);
      patches.push(patch);
    },
    async confirm(message) {
      asked.push(`confirm: ${message}`);
      return true;
    },
    async notify(kind, message) {
      notes.push(`${kind}: ${message}`);
      return undefined;
    },
  };
  return { prompter, asked, patches, notes };
}

describe('GitOps in an untrusted folder: promote only shows the patch, rollback refuses', () => {
  let api: YouOpsApi;
  let gh: FakeGitHubServer;
  let bare: string;
  let root: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const github = () => vscode.workspace.getConfiguration('youops.github');
  /** Everything a push could change: the bare origin's refs. */
  const originRefs = () => git(bare, 'for-each-ref', '--format=%(refname) %(objectname)');

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
    bare = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-origin-')) + '/shop.git';
    git(os.tmpdir(), 'init', '-q', '--bare', '-b', 'main', bare);
    git(root, 'remote', 'add', 'origin', ORIGIN_URL);
    git(root, 'config', `url.${bare}.insteadOf`, ORIGIN_URL);
    git(root, 'push', '-q', 'origin', 'main');
    gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop' }] });
    process.env[TEST_TOKEN_ENV] = TOKEN;
    await github().update('apiUrl', gh.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => github().get<string>('apiUrl') === gh.url, 'the apiUrl setting');
  });

  after(async () => {
    api.gitops.usePrompterForTests(undefined);
    delete process.env[TEST_TOKEN_ENV];
    await github().update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await gh?.close();
    if (bare) fs.rmSync(path.dirname(bare), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('promote staging → prod shows the exact patch and says why, but commits, pushes and opens nothing', async () => {
    const ui = yesToEverything();
    api.gitops.usePrompterForTests(ui.prompter);
    const refsBefore = originRefs();
    const headBefore = git(root, 'rev-parse', 'HEAD');
    const prodWeb = path.join(root, 'envs/prod/web.yaml');
    const before = fs.readFileSync(prodWeb, 'utf8');

    await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: 'prod' });
    const outcome = await api.gitops.lastOutcome();

    assert.equal(outcome, undefined);
    assert.deepEqual(ui.asked.slice(1), ['patch: Promote staging → prod (preview)'], 'no confirmation to push was even asked');
    assert.match(ui.asked[0], /^pickMany: Promote staging → prod: which values\?/);
    assert.match(ui.patches[0], /-          image: ghcr\.io\/acme\/shop-web:1\.4\.1\n\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);
    assert.deepEqual(ui.notes, ['info: This workspace is not trusted: YouOps only shows the patch. Trust the workspace to commit, push and open the pull request.']);
    assert.equal(originRefs(), refsBefore, 'the bare origin changed');
    assert.equal(git(root, 'rev-parse', 'HEAD'), headBefore);
    assert.equal(git(root, 'branch', '--list').trim(), '* main');
    assert.equal(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
    assert.equal(fs.readFileSync(prodWeb, 'utf8'), before);
    assert.deepEqual(gh.requests, []);
  });

  it('rollback from a History commit refuses before asking anything', async () => {
    const ui = yesToEverything();
    api.gitops.usePrompterForTests(ui.prompter);
    const refsBefore = originRefs();
    const commit = api.store.environment('prod')!.state!.history[0];
    assert.ok(commit, 'prod has History');

    await vscode.commands.executeCommand('youops.rollback', { type: 'commit', env: 'prod', commit });
    const outcome = await api.gitops.lastOutcome();

    assert.equal(outcome, undefined);
    assert.deepEqual(ui.asked, []);
    assert.deepEqual(ui.notes, ['error: This workspace is not trusted: YouOps runs no Git command and pushes nothing from it. Trust the workspace to roll back.']);
    assert.equal(originRefs(), refsBefore);
    assert.deepEqual(gh.requests, []);
  });
});
