import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { keepDemoConfig } from './fixtures/demoConfig';
import { activateExtension, waitFor, waitForState } from './helpers';

describe('youops.yaml problems (real extension host)', () => {
  const config = keepDemoConfig();

  it('puts an unknown field on its exact line, offers the right name, and the tree says so', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    const broken = original.replace('    promotesFrom: staging', '    promoteFrom: staging');
    assert.notEqual(broken, original);
    fs.writeFileSync(file, broken);
    const expectedLine = broken.split('\n').findIndex((l) => l.includes('promoteFrom'));

    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'youops');
      return d.length ? d : undefined;
    }, 'a youops diagnostic');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, expectedLine);
    assert.equal(diags[0].range.start.character, 4);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0].message, /unknown field "promoteFrom" — did you mean "promotesFrom"\?/);

    const state = await waitForState(api, (s) => s.kind === 'invalid');
    assert.equal(state.kind, 'invalid');
    const [message] = api.tree.getChildren();
    const item = api.tree.getTreeItem(message);
    assert.equal(item.label, 'youops.yaml has 1 error');
    assert.match(String(item.description), /promoteFrom/);
  });

  it('reports broken YAML with its position instead of crashing, and recovers when fixed', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    fs.writeFileSync(file, original.replace('environments:\n', 'environments:\n  - name: [unclosed\n'));
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'youops' && /YAML/.test(x.message));
      return d.length ? d : undefined;
    }, 'a YAML syntax diagnostic');
    assert.ok(diags[0].range.start.line >= 4, `syntax error positioned in the file (line ${diags[0].range.start.line})`);

    fs.writeFileSync(file, original);
    await waitForState(api, (s) => s.kind === 'ready');
    await waitFor(() => (vscode.languages.getDiagnostics(vscode.Uri.file(file)).some((x) => x.source === 'youops') ? undefined : true), 'diagnostics to clear');
  });
});
