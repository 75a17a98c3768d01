import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsApi } from '../../src/extension';
import type { ChatOpsPrompter } from '../../src/vscode/chatops/chatOpsPrompter';
import { startWebhookReceiver, type WebhookReceiver } from '../fake-servers/webhookReceiver';
import { activateExtension, allRefreshed, waitForState, workspaceRoot } from '../suite/helpers';

/** Any question or ChatOps notification means the flow got past the trust check: fail loudly, answer nothing. */
const asked: string[] = [];
const refusingPrompter: ChatOpsPrompter = {
  async pick(_items, options) {
    asked.push(`pick: ${options.title}`);
    return undefined;
  },
  async input(options) {
    asked.push(`input: ${options.title}`);
    return undefined;
  },
  async confirm(message) {
    asked.push(`confirm: ${message}`);
    return false;
  },
  async notify(_severity, message) {
    asked.push(`notify: ${message}`);
    return undefined;
  },
};

/** Records the warnings the extension shows (the API object is shared with the extension under test). */
function recordWarnings() {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win.showWarningMessage;
  const shown: Array<{ message: string; actions: unknown[] }> = [];
  win.showWarningMessage = (message: string, ...actions: unknown[]) => {
    shown.push({ message, actions });
    return Promise.resolve(undefined);
  };
  return { shown, restore: () => (win.showWarningMessage = original) };
}

describe('ChatOps in an untrusted folder sends nothing', () => {
  let api: YouOpsApi;
  let receiver: WebhookReceiver;
  let configFile: string;
  let original: string;
  let originalPrompter: ChatOpsPrompter;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    receiver = await startWebhookReceiver();
    configFile = path.join(workspaceRoot(), 'youops.yaml');
    original = fs.readFileSync(configFile, 'utf8');
    // The http transport needs no secret: nothing but trust stands between the command and the receiver.
    fs.writeFileSync(configFile, original.replace(/http: \{ url: "[^"]*" \}/, `http: { url: "${receiver.url}/youops/chatops" }`));
    await api.store.reload({ force: true });
    await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && (s.config.chatops.transports.http as { url?: string } | undefined)?.url === `${receiver.url}/youops/chatops`);
    originalPrompter = api.chatops.prompter;
    api.chatops.prompter = refusingPrompter;
  });

  after(async () => {
    if (originalPrompter) api.chatops.prompter = originalPrompter;
    if (original !== undefined) {
      fs.writeFileSync(configFile, original);
      await api.store.reload({ force: true });
      await waitForState(api, allRefreshed);
    }
    await receiver?.close();
  });

  it('refuses before any question, tells the user why, and the loopback receiver gets no request', async () => {
    const warnings = recordWarnings();
    try {
      const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
      const sent = await vscode.commands.executeCommand('youops.sendChatOpsCommand', { command: 'release', env: 'prod', key: web.key });
      const freeForm = await vscode.commands.executeCommand('youops.sendChatOpsCommand');
      assert.equal(sent, undefined);
      assert.equal(freeForm, undefined);
      assert.deepEqual(asked, [], 'the flow asked a question');
      assert.deepEqual(warnings.shown, [
        { message: 'YouOps sends nothing from an untrusted workspace.', actions: ['Manage Workspace Trust'] },
        { message: 'YouOps sends nothing from an untrusted workspace.', actions: ['Manage Workspace Trust'] },
      ]);
    } finally {
      warnings.restore();
    }
    // A request sent in the background would arrive after the command returned.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(receiver.requests.length, 0, `the receiver got ${receiver.requests.join(', ')}`);
    assert.deepEqual(api.chatops.history.all(), []);
    assert.equal(fs.existsSync(api.chatops.audit.file), false, 'nothing was audited as sent');
  });
});
