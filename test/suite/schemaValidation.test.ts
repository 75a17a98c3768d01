import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

/** A Deployment with a misspelt field and a quoted port (shared with the e2e test). */
const BROKEN_DEPLOYMENT = path.resolve(__dirname, '../../../test/fixtures/manifests/broken-deployment.yaml');

describe('schema validation while typing (real extension host)', () => {
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    uri = vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'dev', 'broken-deployment.yaml'));
    fs.copyFileSync(BROKEN_DEPLOYMENT, uri.fsPath);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(uri.fsPath, { force: true });
  });

  const schemaDiagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'youops');

  it('puts the misspelt field and the quoted number on their exact ranges', async () => {
    await vscode.window.showTextDocument(uri);
    const diags = await waitFor(() => (schemaDiagnostics().length >= 2 ? schemaDiagnostics() : undefined), 'schema diagnostics');
    const unknown = diags.find((d) => /unknown field "replica"/.test(d.message))!;
    assert.ok(unknown, diags.map((d) => d.message).join('\n'));
    assert.match(unknown.message, /did you mean "replicas"\?/);
    assert.equal(unknown.range.start.line, 5);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    const port = diags.find((d) => /containerPort/.test(d.message))!;
    assert.ok(port, diags.map((d) => d.message).join('\n'));
    assert.equal(port.range.start.line, 16);
  });

  it('offers quick fixes that repair both, and the problems clear', async () => {
    for (const [line, title] of [
      [5, 'Rename to "replicas"'],
      [16, 'Convert "8080" to a number'],
    ] as const) {
      const d = schemaDiagnostics().find((x) => x.range.start.line === line)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === title && a.edit);
      assert.ok(fix, `quick fix "${title}" for: ${d.message}; offered: ${actions.map((a) => a.title).join(', ')}`);
      await vscode.workspace.applyEdit(fix.edit!);
      await waitFor(() => (schemaDiagnostics().some((x) => x.message === d.message) ? undefined : true), `"${d.message}" to clear`);
    }
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /^ {2}replicas: 2$/m);
    assert.match(text, /containerPort: 8080$/m);
    assert.deepEqual(
      schemaDiagnostics().map((d) => d.message),
      [],
    );
  });

  it('describes a field from the schema on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('replicas'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 4));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /spec\.replicas/);
    assert.match(text, /desired pods/i);
  });

  it('marks what GitHub would refuse in an issue form while it is edited (a None option, a Password label), not only in the ticket flow', async () => {
    const form = vscode.Uri.file(path.join(workspaceRoot(), '.github', 'ISSUE_TEMPLATE', 'access-request.yml'));
    const doc = await vscode.workspace.openTextDocument(form);
    await vscode.window.showTextDocument(doc);
    const formDiagnostics = () => vscode.languages.getDiagnostics(form).filter((d) => d.source === 'youops');
    await waitFor(() => (formDiagnostics().length === 0 ? true : undefined), 'the demo form to be clean');
    try {
      const text = doc.getText();
      const edit = new vscode.WorkspaceEdit();
      const fullRange = new vscode.Range(doc.positionAt(0), doc.positionAt(text.length));
      edit.replace(form, fullRange, text.replace('options: [view, edit]', 'options: [view, edit, None]').replace('label: Duration', 'label: Password'));
      await vscode.workspace.applyEdit(edit);
      const diags = await waitFor(() => (formDiagnostics().length >= 2 ? formDiagnostics() : undefined), 'issue-form diagnostics while typing');
      const lines = doc.getText().split('\n');
      const none = diags.find((d) => /may not offer "None"/.test(d.message))!;
      assert.ok(none, diags.map((d) => d.message).join('\n'));
      assert.equal(none.severity, vscode.DiagnosticSeverity.Error);
      assert.match(lines[none.range.start.line], /options: \[view, edit, None\]/);
      const password = diags.find((d) => /forbids in input and textarea labels \("password"\)/.test(d.message))!;
      assert.ok(password, diags.map((d) => d.message).join('\n'));
      assert.equal(doc.getText(password.range), 'label: Password');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('refuses a modeline schema that leads out of the workspace folder (a link to elsewhere), on the modeline, reading nothing', async () => {
    const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-outside-'));
    fs.writeFileSync(path.join(outsideDir, 'schema.json'), JSON.stringify({ type: 'object', required: ['secretField'] }));
    const link = path.join(workspaceRoot(), 'envs', 'dev', 'outside.json');
    const manifest = vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'dev', 'modeline.yaml'));
    fs.symlinkSync(path.join(outsideDir, 'schema.json'), link);
    fs.writeFileSync(manifest.fsPath, '# yaml-language-server: $schema=./outside.json\nreplicas: 2\n');
    try {
      await vscode.window.showTextDocument(manifest);
      const diags = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(manifest).filter((x) => x.source === 'youops');
        return d.length ? d : undefined;
      }, 'the modeline diagnostic');
      assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
      assert.match(diags[0].message, /^modeline schema \.\/outside\.json: it leads outside the repository \(to .*schema\.json\); not read$/);
      assert.deepEqual([diags[0].range.start.line, diags[0].range.start.character, diags[0].range.end.character], [0, 32, 46]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(manifest.fsPath, { force: true });
      fs.rmSync(link, { force: true });
      fs.rmSync(outsideDir, { recursive: true, force: true });
    }
  });
});
