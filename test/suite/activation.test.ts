import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation (real extension host)', () => {
  it('activates in a workspace with youops.yaml and exposes the store', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.store, 'the API exposes the workspace store');
    assert.ok(api.activationMs > 0);
    console.log(`      activate() took ${api.activationMs.toFixed(1)} ms`);
  });

  it('gives other extensions only the read-only state and a refresh; the test handles only in ExtensionMode.Test', async () => {
    const handles = await activateExtension();
    const api = vscode.extensions.getExtension<Record<string, unknown>>(EXTENSION_ID)!.exports;
    assert.deepEqual(Object.keys(api).sort(), ['onDidChangeState', 'refresh', 'state', 'testing']);
    assert.equal(api.state, handles.store.state, 'the state is the store’s own, not a copy');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('registers every command that package.json contributes', async () => {
    await activateExtension();
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.ok(contributed.length >= 10);
  });

  it('does not activate on every YAML file (only on youops.yaml, the view or a command)', () => {
    const events = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.activationEvents as string[];
    assert.ok(!events.includes('onLanguage:yaml'));
    assert.ok(!events.includes('*'));
    assert.ok(events.includes('workspaceContains:youops.yaml'));
  });
});
