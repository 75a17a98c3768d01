import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { keepDemoConfig } from './fixtures/demoConfig';
import { activateExtension, waitForState } from './helpers';

describe('creating youops.yaml from the welcome view (real extension host)', () => {
  const config = keepDemoConfig();

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the welcome state without a config, then writes one from the folder layout (in promotion order) and loads it', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    fs.rmSync(file);
    await waitForState(api, (s) => s.kind === 'noConfig');
    assert.deepEqual(api.tree.getChildren(), [], 'the empty tree lets the welcome content show');

    await vscode.commands.executeCommand('youops.createConfig');
    const state = await waitForState(api, (s) => s.kind === 'ready');
    assert.equal(state.kind, 'ready');
    assert.deepEqual(
      state.config.environments.map((e) => [e.name, e.manifests[0], e.promotesFrom ?? null, e.protected]),
      [
        ['dev', 'envs/dev', null, false],
        ['staging', 'envs/staging', 'dev', false],
        ['prod', 'envs/prod', 'staging', true],
      ],
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the new file is opened for editing');
    assert.match(fs.readFileSync(file, 'utf8'), /^# YouOps: your environments/);
  });

  it('never overwrites an existing config: it opens it instead', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    fs.writeFileSync(file, original);
    await waitForState(api, (s) => s.kind === 'ready' && s.config.environments.length === 3 && s.config.chatops.commands.length > 0);
    await vscode.commands.executeCommand('youops.createConfig');
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
  });
});
