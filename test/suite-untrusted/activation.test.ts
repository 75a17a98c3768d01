import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, allRefreshed, waitForState } from '../suite/helpers';

describe('Restricted Mode (Workspace Trust on, folder not trusted)', () => {
  it('opens the folder untrusted, without any prompt in the way', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates YouOps (limited support) and loads youops.yaml', async () => {
    const api = await activateExtension();
    const state = await waitForState(api, allRefreshed);
    assert.equal(state.kind, 'ready');
    assert.deepEqual(state.kind === 'ready' && state.environments.map((e) => e.name), [
      'dev',
      'staging',
      'prod',
      'cluster-command',
      'cluster-kubectl',
      'cluster-flux',
    ]);
  });
});
