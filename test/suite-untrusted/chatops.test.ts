import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { startWebhookReceiver, type WebhookReceiver } from '../fake-servers/webhookReceiver';
import { RecordingUi } from '../suite/fixtures/recordingUi';
import { activateExtension, allRefreshed, waitForState, workspaceRoot } from '../suite/helpers';

/** Answers nothing: any question means the flow got past the trust check. */
const ui = new RecordingUi();
/** Questions, and notifications other than the refusals themselves. */
const asked = () => [
  ...ui.questions.map((q) => `${q.kind}: ${q.title}`),
  ...ui.notes.filter((n) => !/untrusted/.test(n.message)).map((n) => `notify: ${n.message}`),
];
/** What the person was told, with the buttons offered. */
const refusals = () => ui.notes.filter((n) => /untrusted/.test(n.message)).map(({ message, actions }) => ({ message, actions }));

describe('ChatOps in an untrusted folder sends nothing', () => {
  let api: YouOpsTestHandles;
  let receiver: WebhookReceiver;
  let configFile: string;
  let original: string;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    receiver = await startWebhookReceiver();
    configFile = path.join(workspaceRoot(), 'youops.yaml');
    original = fs.readFileSync(configFile, 'utf8');
    // The http transport needs no secret: nothing but trust stands between the command and the receiver.
    fs.writeFileSync(configFile, original.replace(/http: \{ url: "[^"]*" \}/, `http: { url: "${receiver.url}/youops/chatops" }`));
    await api.store.reload({ force: true });
    await waitForState(
      api,
      (s) =>
        allRefreshed(s) && s.kind === 'ready' && (s.config.chatops.transports.http as { url?: string } | undefined)?.url === `${receiver.url}/youops/chatops`,
    );
    api.answerWith(ui);
  });

  after(async () => {
    api?.answerWith(undefined);
    if (original !== undefined) {
      fs.writeFileSync(configFile, original);
      await api.store.reload({ force: true });
      await waitForState(api, allRefreshed);
    }
    await receiver?.close();
  });

  it('refuses before any question, tells the user why, and the loopback receiver gets no request', async () => {
    ui.reset();
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    const sent = await vscode.commands.executeCommand('youops.sendChatOpsCommand', { command: 'release', env: 'prod', key: web.key });
    const freeForm = await vscode.commands.executeCommand('youops.sendChatOpsCommand');
    assert.equal(sent, undefined);
    assert.equal(freeForm, undefined);
    await new Promise((r) => setTimeout(r, 100)); // the refusals are shown without blocking the command
    assert.deepEqual(asked(), [], 'the flow asked a question');
    assert.deepEqual(refusals(), [
      { message: 'YouOps sends nothing from an untrusted workspace.', actions: ['Manage Workspace Trust'] },
      { message: 'YouOps sends nothing from an untrusted workspace.', actions: ['Manage Workspace Trust'] },
    ]);
    // A request sent in the background would arrive after the command returned.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(receiver.requests.length, 0, `the receiver got ${receiver.requests.join(', ')}`);
    assert.deepEqual(api.chatops.history.all(), []);
    assert.equal(fs.existsSync(api.chatops.audit.file), false, 'nothing was audited as sent');
  });
});
