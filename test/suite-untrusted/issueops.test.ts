import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { UNTRUSTED_MESSAGE } from '../../src/vscode/shared/commands/failure';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { stopFakeGitHub, useFakeGitHub } from '../suite/fixtures/fakeGitHub';
import { recordingTicketUi } from '../suite/fixtures/recordingUi';
import { activateExtension, allRefreshed, waitForState } from '../suite/helpers';

const TOKEN = 'untrusted-session-token';

/** Fills the ticket like a person who wants it created; records every question and notification. */
function createEverything() {
  return recordingTicketUi({
    async pick(items) {
      return items.find((i) => /Deploy request|Create issue/.test(i.label));
    },
    async pickMany(items) {
      return items;
    },
    async input(options) {
      return options.value || 'x';
    },
    async longText(label, value) {
      return value || 'x';
    },
  });
}

describe('IssueOps in an untrusted folder creates nothing on GitHub', () => {
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    // Everything a send would need is in place: a loopback GitHub that accepts the session token.
    gh = await useFakeGitHub(TOKEN, { repos: [{ owner: 'acme', name: 'shop-ops' }] });
  });

  after(async () => {
    api.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopFakeGitHub(gh);
  });

  it('keeps the filled ticket as a draft, says why with a way to trust, and sends no request', async () => {
    const ui = createEverything();
    api.answerWith(ui.prompts);
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    await vscode.commands.executeCommand('youops.openTicket', { env: 'prod', key: web.key });

    assert.ok(ui.asked.includes('pick: Deploy request → acme/shop-ops'), ui.asked.join('\n'));
    const error = ui.notes.find((n) => n.severity === 'error');
    const [draft] = api.issueops.drafts.all();
    assert.deepEqual(error, {
      severity: 'error',
      message: `Ticket "${draft.title}" not sent: ${UNTRUSTED_MESSAGE} It is kept as a draft: Resend sends it again ("YouOps: Resend Ticket Draft…" lists every draft).`,
      actions: ['Manage Workspace Trust', 'Resend', 'Edit Draft'],
    });
    assert.equal(draft?.lastError, UNTRUSTED_MESSAGE, 'nothing typed is lost');
    assert.deepEqual(gh.requests, []);
    assert.deepEqual(gh.repo('acme/shop-ops').issues, []);
    await api.issueops.drafts.delete(draft.id);
  });

  it('loads no tickets: the Tickets node says why instead of asking GitHub', async () => {
    await api.issueops.tickets.refresh();
    assert.deepEqual(api.issueops.tickets.state, { kind: 'unavailable', reason: 'untrusted', message: UNTRUSTED_MESSAGE });
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const tickets = api.tree.getChildren(api.tree.getChildren(prod).find((n) => n.type === 'tickets')!);
    const item = api.tree.getTreeItem(tickets[0]);
    assert.equal(item.label, UNTRUSTED_MESSAGE);
    assert.equal(item.command?.command, 'workbench.trust.manage');
    assert.deepEqual(gh.requests, []);
  });
});
