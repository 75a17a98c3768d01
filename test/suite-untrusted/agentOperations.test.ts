import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { FLUX_ENV, MARKERS } from '../host/untrustedWorkspace';
import { RecordingUi } from '../suite/fixtures/recordingUi';
import { activateExtension, allRefreshed, waitForState, workspaceRoot } from '../suite/helpers';

describe('Agent operations in an untrusted folder change nothing', () => {
  let api: YouOpsTestHandles;
  const ui = new RecordingUi((q) => (q.kind === 'pick' && q.placeHolder === 'Run which operation?' ? 'reconcile' : undefined));

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    api.answerWith(ui);
  });

  after(() => api.answerWith(undefined));

  it('refuses Flux operations from the tree, the palette and Run Operation with the fix, and runs no kubectl', async () => {
    await vscode.commands.executeCommand('youops.flux.reconcile', { type: 'agent', env: FLUX_ENV });
    await vscode.commands.executeCommand('youops.flux.suspend');
    await vscode.commands.executeCommand('youops.runOperation', { type: 'environment', env: FLUX_ENV });
    const refusal = {
      severity: 'error',
      message: 'This workspace is not trusted, so YouOps changes nothing in your clusters from it. Trust the workspace to reconcile, suspend, resume or sync.',
      actions: ['Manage Workspace Trust'],
    };
    assert.deepEqual(ui.notes, [refusal, refusal, refusal]);
    assert.deepEqual(
      ui.questions.map((q) => `${q.kind}: ${q.title}`),
      ['pick: Run which operation?'],
      'no confirmation was asked: the refusal comes first',
    );
    assert.equal(fs.existsSync(path.join(workspaceRoot(), MARKERS.kubectl)), false, 'kubectl ran');
    const audit = api.services.audit.file;
    assert.ok(!fs.existsSync(audit) || !fs.readFileSync(audit, 'utf8').includes('"via":"flux"'), 'an agent operation reached the audit log');
  });
});
