import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { KubectlContexts } from '../../src/core/live/kubectlContexts';
import type { LoadClusterSchemasOutcome } from '../../src/vscode/validation/loadClusterSchemas';
import { RecordingUi, type Question } from './fixtures/recordingUi';
import { startFakeKubeApiServer, type FakeKubeApiServer } from '../fake-servers/fakeKubeApiServer';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

/** A Widget (a CRD only the fake cluster knows) with a misspelt field on line 5. */
const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: gizmo
spec:
  colour: red
  size: 3
`;

/** The kubectl contexts the quick pick offered, and which one it marked current. */
function contextChoices(q: Question): KubectlContexts {
  const items = q.items ?? [];
  return { contexts: items.map((i) => i.label), current: items.find((i) => i.description === 'current context')?.label };
}

describe('Load Schemas from Cluster (real extension host, real kubectl, fake Kubernetes API server)', () => {
  let api: YouOpsTestHandles;
  let server: FakeKubeApiServer;
  let tmp: string;
  let uri: vscode.Uri;
  const asked: KubectlContexts[] = [];
  const youops = () => vscode.workspace.getConfiguration('youops');
  const schemaDiagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'youops');

  // User (not workspace) settings: the demo repo must stay clean for the GitOps tests.
  before(async () => {
    api = await activateExtension();
    server = await startFakeKubeApiServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cluster-schemas-'));
    const kubeconfig = await server.writeKubeconfig(tmp, { context: 'fake-cluster' });
    const kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    await youops().update('kubectl.path', kubectl, vscode.ConfigurationTarget.Global);
    await youops().update('kubectl.kubeconfig', kubeconfig, vscode.ConfigurationTarget.Global);
    api.answerWith(new RecordingUi((q) => (q.kind === 'pick' ? (asked.push(contextChoices(q)), 'fake-cluster') : undefined)));
    uri = vscode.Uri.file(path.join(workspaceRoot(), 'crds', 'widget.yaml'));
    fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
    fs.writeFileSync(uri.fsPath, WIDGET);
  });

  after(async () => {
    api.answerWith(undefined);
    api.validation.schemas.setKindSchemas({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await youops().update('kubectl.path', undefined, vscode.ConfigurationTarget.Global);
    await youops().update('kubectl.kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.dirname(uri.fsPath), { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    await server.close();
  });

  it('only hints that a CRD kind has no schema before the cluster was read', async () => {
    await vscode.window.showTextDocument(uri);
    const [hint] = await waitFor(() => (schemaDiagnostics().length ? schemaDiagnostics() : undefined), 'the unknown-kind hint');
    assert.match(hint.message, /no schema for example\.com\/v1\/Widget/);
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Information);
  });

  it('reads the chosen context’s OpenAPI and validates the CRD kind from then on', async () => {
    const outcome = await vscode.commands.executeCommand<LoadClusterSchemasOutcome>('youops.loadClusterSchemas');
    assert.deepEqual(asked, [{ contexts: ['fake-cluster'], current: 'fake-cluster' }]);
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.deepEqual(outcome.kind === 'loaded' && [outcome.context, outcome.kinds, outcome.crdKinds], ['fake-cluster', 2, 1]);
    assert.ok(
      server.requests.some((r) => r.startsWith('GET /openapi/v2')),
      server.requests.join('\n'),
    );

    const diags = await waitFor(
      () => (schemaDiagnostics().some((d) => /unknown field/.test(d.message)) ? schemaDiagnostics() : undefined),
      'the Widget schema diagnostic',
    );
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.message, d.severity]),
      [[5, 'spec: unknown field "colour" — did you mean "color"?', vscode.DiagnosticSeverity.Error]],
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(6, 4));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /How many sprockets the widget has/);
  });

  it('reports an unknown context as a failure and keeps the schemas it had', async () => {
    api.answerWith(new RecordingUi((q) => (q.kind === 'pick' ? { label: 'no-such-context' } : undefined)));
    const outcome = await vscode.commands.executeCommand<LoadClusterSchemasOutcome>('youops.loadClusterSchemas');
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.message : '', /context "no-such-context" does not exist/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      schemaDiagnostics().map((d) => d.range.start.line),
      [5],
      'the Widget still validates against the cluster schema',
    );
  });
});
