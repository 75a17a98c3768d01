import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadClusterSchemasOutcome } from '../../src/vscode/validation/loadClusterSchemas';
import { MARKERS } from '../host/untrustedWorkspace';
import { activateExtension, workspaceRoot } from '../suite/helpers';

describe('Load Schemas from Cluster in an untrusted folder', () => {
  it('refuses before running kubectl', async () => {
    await activateExtension();
    const outcome = await vscode.commands.executeCommand<LoadClusterSchemasOutcome>('youops.loadClusterSchemas');
    assert.deepEqual(outcome, { kind: 'untrusted' });
    assert.equal(fs.existsSync(path.join(workspaceRoot(), MARKERS.kubectl)), false, 'kubectl (the trap script) ran');
  });
});
