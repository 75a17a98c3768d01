import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { YouOpsApi } from '../../src/extension';
import { TEST_TOKEN_ENV } from '../../src/vscode/auth/githubAuth';
import { UNTRUSTED_MESSAGE } from '../../src/vscode/issueops/issueOpsError';
import type { TicketPrompts } from '../../src/vscode/issueops/ticketPrompts';
import { startFakeGitHubServer, type FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { activateExtension, allRefreshed, waitFor, waitForState } from '../suite/helpers';

const TOKEN = 'untrusted-session-token';

/** Fills the ticket like a person who wants it created; records every question and notification. */
function createEverything() {
  const asked: string[] = [];
  const notes: Array<{ severity: string; message: string; actions: string[] }> = [];
  const prompts: TicketPrompts = {
    async pick(items, options) {
      asked.push(`pick: ${options.title}`);
      return items.find((i) => /Deploy request|Create issue/.test(i.label));
    },
    async pickMany(items, options) {
      asked.push(`pickMany: ${options.title}`);
      return items;
    },
    async input(options) {
      asked.push(`input: ${options.title}`);
      return options.value || 'x';
    },
    async longText(label, value) {
      asked.push(`longText: ${label}`);
      return value || 'x';
    },
    async notify(severity, message, ...actions) {
      notes.push({ severity, message, actions });
      return undefined;
    },
  };
  return { prompts, asked, notes };
}

describe('IssueOps in an untrusted folder creates nothing on GitHub', () => {
  let api: YouOpsApi;
  let gh: FakeGitHubServer;
  const github = () => vscode.workspace.getConfiguration('youops.github');

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    // Everything a send would need is in place: a loopback GitHub that accepts the session token.
    gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop-ops' }] });
    process.env[TEST_TOKEN_ENV] = TOKEN;
    await github().update('apiUrl', gh.url, vscode.ConfigurationTarget.Global);
    await waitFor(() => github().get<string>('apiUrl') === gh.url, 'the apiUrl setting');
  });

  after(async () => {
    api.issueops.usePromptsForTests(undefined);
    delete process.env[TEST_TOKEN_ENV];
    await github().update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await gh?.close();
  });

  it('keeps the filled ticket as a draft, says why with a way to trust, and sends no request', async () => {
    const ui = createEverything();
    api.issueops.usePromptsForTests(ui.prompts);
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    await vscode.commands.executeCommand('youops.openTicket', { env: 'prod', key: web.key });

    assert.ok(ui.asked.includes('pick: Deploy request → acme/shop-ops'), ui.asked.join('\n'));
    const error = ui.notes.find((n) => n.severity === 'error');
    assert.deepEqual(error, { severity: 'error', message: `YouOps: ${UNTRUSTED_MESSAGE}`, actions: ['Re-send', 'Edit Draft', 'Manage Workspace Trust'] });
    const [draft] = api.issueops.drafts.all();
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
