import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { RecordingUi, type Question } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from './helpers';

/** Opens `file` of the demo with the cursor on the first line matching `line` (and that line selected when `select`). */
async function editAt(file: string, line: RegExp, select = false): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), file));
  const editor = await vscode.window.showTextDocument(doc);
  const n = doc
    .getText()
    .split('\n')
    .findIndex((l) => line.test(l));
  assert.ok(n >= 0, `${file} has a line matching ${line}`);
  const text = doc.lineAt(n);
  editor.selection = select
    ? new vscode.Selection(n, text.firstNonWhitespaceCharacterIndex, n, text.text.length)
    : new vscode.Selection(n, text.firstNonWhitespaceCharacterIndex, n, text.firstNonWhitespaceCharacterIndex);
  return editor;
}

const asked = (ui: RecordingUi) => ui.questions.map((q) => `${q.kind}: ${q.title}`);

describe('palette commands know where you are: the active editor gives what the code lens would (real extension host, demo workspace)', () => {
  let api: YouOpsTestHandles;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
  });

  afterEach(async () => {
    api.answerWith(undefined);
    for (const d of api.issueops.drafts.all()) await api.issueops.drafts.delete(d.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open IssueOps Ticket… on the drifted line of prod/web.yaml asks only what the lens asks, prefilled with prod, web, 1.4.1 and the drift', async () => {
    await editAt('envs/prod/web.yaml', /^\s+replicas: 3$/);
    const ui = new RecordingUi((q: Question) => {
      if (q.kind === 'pick' && q.title.startsWith('Open IssueOps ticket')) return 'Deploy request';
      if (q.kind === 'pickMany') return q.items!.filter((i) => i.picked || /passed staging/.test(i.label));
      if (q.kind === 'pick' && q.title === 'Deploy request → acme/shop-ops') return q.items!.find((i) => /Keep as draft/.test(i.label));
      return undefined;
    });
    api.answerWith(ui);

    await vscode.commands.executeCommand('youops.openTicket');

    assert.deepEqual(asked(ui), ['pick: Open IssueOps ticket in acme/shop-ops — prod', 'pickMany: Checks (required)', 'pick: Deploy request → acme/shop-ops']);
    const [draft] = api.issueops.drafts.all();
    assert.equal(draft.title, '[deploy] web to prod');
    assert.deepEqual(draft.values.environment, ['prod']);
    assert.equal(draft.values.service, 'web');
    assert.equal(draft.values.version, '1.4.1');
    assert.deepEqual(draft.context.resource, { kind: 'Deployment', name: 'web', namespace: 'shop-prod' });
    assert.deepEqual(draft.context.drift, ['spec.replicas: desired 3, live 2'], 'the drifted field under the cursor');
  });

  it('takes the selected text along into the ticket', async () => {
    await editAt('envs/prod/web.yaml', /image: ghcr\.io\/acme\/shop-web:1\.4\.1/, true);
    const ui = new RecordingUi((q) => {
      if (q.kind === 'pick' && q.title.startsWith('Open IssueOps ticket')) return 'Deploy request';
      if (q.kind === 'pickMany') return q.items;
      if (q.kind === 'pick' && q.title === 'Deploy request → acme/shop-ops') return q.items!.find((i) => /Keep as draft/.test(i.label));
      return undefined;
    });
    api.answerWith(ui);
    await vscode.commands.executeCommand('youops.openTicket');
    const [draft] = api.issueops.drafts.all();
    assert.equal(draft?.context.selection, 'image: ghcr.io/acme/shop-web:1.4.1');
  });

  it('Send ChatOps Command… in prod/web.yaml goes from the command straight to the preview: environment and resource come from the editor', async () => {
    await editAt('envs/prod/web.yaml', /^\s+image: ghcr\.io/);
    const ui = new RecordingUi((q) => (q.kind === 'pick' && q.title === 'Send ChatOps command' ? q.items!.find((i) => /\brelease$/.test(i.label)) : undefined));
    api.answerWith(ui);
    const sent = api.chatops.history.all().length;

    await vscode.commands.executeCommand('youops.sendChatOpsCommand');

    assert.equal(ui.questions[0].placeHolder, 'Command for prod');
    assert.equal(ui.questions.length, 2, asked(ui).join('\n'));
    assert.equal(ui.questions[1].kind, 'input');
    assert.match(ui.questions[1].title, /^Preview — Enter sends this to /);
    assert.equal(ui.questions[1].value, 'deploy 1.4.1 to prod', 'the version of web in prod');
    // VS Code says "Press 'Enter' to confirm or 'Escape' to cancel" under the box: the prompt does not repeat it.
    assert.equal(ui.questions[1].prompt, 'The exact message of "release" for prod; edit it if needed');
    assert.equal(api.chatops.history.all().length, sent, 'Escape at the preview sends nothing');
  });

  it('Show Drift in a manifest compares the resource under the cursor without asking', async () => {
    await editAt('envs/prod/web.yaml', /^\s+replicas: 3$/);
    const ui = new RecordingUi();
    api.answerWith(ui);
    await vscode.commands.executeCommand('youops.showDrift');
    assert.deepEqual(ui.questions, []);
    const live = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'youops-live'), 'the live document');
    assert.match(live.uri.path, /^\/prod\/web\.yaml$/);
    assert.match(live.getText(), /replicas: 2/);
  });

  it('Show Drift with no manifest open lists what is out of sync, and a live-only resource shows its live object without server fields', async () => {
    const ui = new RecordingUi((q) => (q.kind === 'pick' ? q.items!.find((i) => /debug-shell/.test(i.label)) : undefined));
    api.answerWith(ui);

    await vscode.commands.executeCommand('youops.showDrift');

    assert.equal(ui.questions.length, 1);
    const items = ui.questions[0].items!.map((i) => `${i.label.replace(/^\$\([\w-]+\)\s*/, '')} | ${i.description} | ${i.detail}`);
    assert.deepEqual(items.sort(), [
      'api | Deployment · prod | 1 field drifted: spec.template.spec.containers[name=api].image (desired "ghcr.io/acme/shop-api:2.2.0", live "ghcr.io/acme/shop-api:2.2.1-hotfix")',
      'api-config | ConfigMap · prod | 1 field drifted: data.PAYMENT_PROVIDER (desired "sandbox", live "stripe")',
      'debug-shell | Deployment · prod | live only, not in Git',
      'web | Deployment · prod | 1 field drifted: spec.replicas (desired 3, live 2)',
      'worker | Deployment · staging | in Git, not live',
    ]);
    const live = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'youops-live'), 'the live document');
    const text = live.getText();
    assert.match(text, /name: debug-shell/);
    assert.match(text, /image: busybox:1\.36/);
    for (const serverField of ['uid:', 'resourceVersion:', 'managedFields:', 'creationTimestamp:', 'generation:', 'status:']) {
      assert.ok(!text.includes(serverField), `no ${serverField} in\n${text}`);
    }
  });

  it('Promote… from a staging manifest offers both directions, the lens’s first; from prod it goes straight to prod', async () => {
    await editAt('envs/staging/web.yaml', /^\s+replicas:/);
    const ui = new RecordingUi();
    api.answerWith(ui);
    await vscode.commands.executeCommand('youops.promote');
    assert.equal(ui.questions[0]?.kind, 'pick');
    assert.deepEqual(ui.questions[0].options, ['staging → prod', 'dev → staging']);

    await editAt('envs/prod/web.yaml', /^\s+replicas:/);
    const straight = new RecordingUi();
    api.answerWith(straight);
    await vscode.commands.executeCommand('youops.promote');
    assert.equal(straight.questions[0]?.kind, 'pickMany', 'no environment question');
    assert.match(straight.questions[0].title, /^Promote staging → prod: which values\?/);
  });
});
