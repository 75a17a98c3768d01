import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { TEST_TOKEN_ENV } from '../../src/vscode/shared/github/gitHubAuth';
import type { TreeNode } from '../../src/vscode/shared/tree/treeNodes';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { stopFakeGitHub, useFakeGitHub } from './fixtures/fakeGitHub';
import { RecordingUi, recordingTicketUi } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForState } from './helpers';

const TOKEN = 'fake-session-token';

/**
 * Scripted answers for the real command flow: each question is matched by its
 * title/placeholder and answered; everything asked is recorded for assertions.
 */
function scriptedPrompts(answers: {
  input?: Record<string, string>;
  longText?: Record<string, string>;
  review?: Array<'create' | 'keep'>;
  checkAll?: boolean;
  pick?: Record<string, string>;
}) {
  const review = [...(answers.review ?? ['create'])];
  return recordingTicketUi({
    async pick(items, options) {
      if (/→ acme\/shop-ops$/.test(options.title ?? '')) {
        const want = review.shift();
        if (!want) return undefined;
        return want === 'keep' ? items.find((i) => /Keep as draft/.test(i.label)) : items.find((i) => /Create issue/.test(i.label));
      }
      const key = Object.keys(answers.pick ?? {}).find((k) => (options.title ?? options.placeHolder ?? '').includes(k));
      return key ? items.find((i) => i.label.includes(answers.pick![key])) : undefined;
    },
    async pickMany(items) {
      return answers.checkAll ? items : items.filter((i) => i.picked);
    },
    async input(options) {
      const key = Object.keys(answers.input ?? {}).find((k) => (options.title ?? '').startsWith(k));
      return key ? answers.input![key] : options.value;
    },
    async longText(label, value) {
      return answers.longText?.[label] ?? value;
    },
  });
}

describe('IssueOps tickets (fake GitHub REST server on 127.0.0.1, fake auth session)', () => {
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    gh = await useFakeGitHub(TOKEN, {
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      bot: ({ kind, issue, comment }) =>
        kind === 'issue'
          ? { body: `✅ Deploying. PR: https://github.com/acme/shop-ops/pull/${issue.number + 40}` }
          : comment?.body.startsWith('/approve')
            ? { body: '❌ Approval failed: you are not a maintainer' }
            : undefined,
    });
  });

  after(async () => {
    api.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopFakeGitHub(gh);
  });

  const webRef = () => {
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    return { env: 'prod', key: web.key };
  };

  it('opens a deploy ticket prefilled from a drifted resource, renders it like GitHub and shows it under prod → Tickets', async () => {
    const ui = scriptedPrompts({ checkAll: true, pick: { 'Open IssueOps ticket': 'Deploy request' } });
    api.answerWith(ui.prompts);
    await vscode.commands.executeCommand('youops.openTicket', webRef());

    // Environment, service and version came from the context: only the required box was asked.
    assert.deepEqual(ui.asked, ['pick: Open IssueOps ticket in acme/shop-ops — prod', 'pickMany: Checks (required)', 'pick: Deploy request → acme/shop-ops']);
    const issues = gh.repo('acme/shop-ops').issues;
    assert.equal(issues.length, 1);
    assert.equal(issues[0].title, '[deploy] web to prod');
    assert.deepEqual(issues[0].labels, ['issueops', 'deploy']);
    const body = issues[0].body!;
    assert.ok(
      /^<!-- youops:idempotency-key=t-[\w-]+ -->\n<!-- youops:ticket template=deploy-request.yml env=prod -->\n\n/.test(body) &&
        body.endsWith(
          '\n\n### Environment\n\nprod\n\n### Service\n\nweb\n\n### Version\n\n1.4.1\n\n### Reason\n\nResource: `Deployment shop-prod/web` in prod\n\nDrift found by YouOps:\n- spec.replicas: desired 3, live 2\n\n### Checks\n\n- [X] The version passed staging\n- [X] The change has a rollback plan',
        ),
      body,
    );
    assert.match(ui.notes.at(-1)!.message, /^Created: #1 \[deploy\] web to prod$/);
    assert.deepEqual(ui.notes.at(-1)!.actions, ['Open in Browser']);
    assert.deepEqual(api.issueops.drafts.all(), [], 'a sent ticket leaves no draft');
    assert.ok(
      gh.requests.every((r) => r.authorized),
      'every request carried the session token',
    );

    await api.issueops.tickets.refresh();
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const ticketsNode = api.tree.getChildren(prod).find((n) => n.type === 'tickets')!;
    assert.ok(ticketsNode, 'prod has a Tickets node');
    assert.equal(api.tree.getTreeItem(ticketsNode).description, '1 open');
    const rows = api.tree.getChildren(ticketsNode);
    const item = api.tree.getTreeItem(rows[0]);
    assert.equal(item.label, '#1 [deploy] web to prod');
    assert.equal(item.description, '✅ Deploying. PR: https://github.com/acme/shop-ops/pull/41');
    assert.equal(item.contextValue, 'youops.ticket.success');
    const details = api.tree.getChildren(rows[0]).map((n) => String(api.tree.getTreeItem(n).label));
    assert.deepEqual(details, ['issueops-bot[bot]: ✅ Deploying. PR: https://github.com/acme/shop-ops/pull/41', 'Pull request #41']);
    const dev = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'dev')!;
    const devTickets = api.tree.getChildren(api.tree.getChildren(dev).find((n) => n.type === 'tickets')!);
    assert.equal(api.tree.getTreeItem(devTickets[0]).label, 'No open tickets for dev');
  });

  it('keeps the draft when GitHub fails, and re-sending (even twice at once) creates exactly one issue', async () => {
    const before = gh.repo('acme/shop-ops').issues.length;
    gh.inject({ status: 'primary', match: /^POST \/repos\/acme\/shop-ops\/issues$/, times: 1 });
    const ui = scriptedPrompts({ input: { 'GitHub handle': '@hubot' } });
    api.answerWith(ui.prompts);
    await vscode.commands.executeCommand('youops.openTicket', { template: 'access-request.yml', operation: 'access', context: { env: 'staging' } });
    assert.deepEqual(
      ui.asked,
      ['input: GitHub handle (required)', 'pick: Access request → acme/shop-ops'],
      'the title placeholders were filled from the answers',
    );
    const error = ui.notes.find((n) => n.severity === 'error')!;
    assert.match(error.message, /rate limit exhausted; it resets at/);
    assert.deepEqual(error.actions, ['Resend', 'Edit Draft']);
    assert.match(error.message, /^Ticket "\[access\] @hubot to staging" not sent: .* It is kept as a draft: Resend sends it again/);
    const [draft] = api.issueops.drafts.all();
    assert.equal(draft.attempts, 1);
    assert.deepEqual(draft.values, { who: '@hubot', environment: ['staging'], role: ['view'], duration: '4h' }, 'nothing typed is lost');
    assert.equal(gh.repo('acme/shop-ops').issues.length, before);

    await Promise.all([
      vscode.commands.executeCommand('youops.resendTicketDraft', draft.id),
      vscode.commands.executeCommand('youops.resendTicketDraft', draft.id),
    ]);
    const issues = gh.repo('acme/shop-ops').issues;
    assert.equal(issues.length, before + 1, 'one issue despite the double re-send');
    assert.equal(issues.at(-1)!.title, '[access] <who> to <environment>'.replace('<who>', '@hubot').replace('<environment>', 'staging'));
    assert.match(
      issues.at(-1)!.body!,
      /^<!-- youops:idempotency-key=[\w.:-]+ -->\n<!-- youops:ticket [^\n]*-->\n\n### GitHub handle\n\n@hubot\n\n### Environment\n\nstaging\n\n### Role\n\nview\n\n### Duration\n\n4h$/,
    );
    assert.deepEqual(api.issueops.drafts.all(), []);
  });

  it('Cancel while GitHub is slow abandons the request and keeps the draft; re-sending finds the issue GitHub made meanwhile', async () => {
    const before = gh.repo('acme/shop-ops').issues.length;
    gh.delay({ match: /^POST \/repos\/acme\/shop-ops\/issues$/, ms: 10_000 });
    const ui = scriptedPrompts({ input: { 'GitHub handle': '@ada' } });
    api.answerWith(ui.prompts);
    const started = Date.now();
    const running = vscode.commands.executeCommand('youops.openTicket', { template: 'access-request.yml', operation: 'access', context: { env: 'dev' } });
    const progress = await waitFor(() => ui.prompts.progresses.find((p) => p.title === 'Creating the issue in acme/shop-ops…'), 'the progress');
    assert.equal(progress.cancellable, true);
    await waitFor(() => gh.requests.find((r) => r.method === 'POST' && r.path === '/repos/acme/shop-ops/issues' && r.status === 0), 'the POST in flight');
    progress.cancel();
    await running;
    assert.ok(Date.now() - started < 8000, 'the command did not wait for GitHub');
    const note = ui.notes.find((n) => n.severity === 'warning')!;
    assert.equal(
      note.message,
      'Cancelled: "[access] @ada to dev" is kept as a draft with everything you entered. If GitHub created the issue before the cancel, resending finds it instead of creating a second one.',
    );
    assert.deepEqual(note.actions, ['Resend', 'Edit Draft']);
    const [draft] = api.issueops.drafts.all();
    assert.equal(draft.lastError, 'cancelled while creating the issue');
    assert.equal(draft.values.who, '@ada', 'nothing typed is lost');
    assert.equal(gh.repo('acme/shop-ops').issues.length, before + 1, 'GitHub had created it before the cancel');

    const resend = scriptedPrompts({});
    api.answerWith(resend.prompts);
    await vscode.commands.executeCommand('youops.resendTicketDraft', draft.id);
    assert.equal(gh.repo('acme/shop-ops').issues.length, before + 1, 'no second issue');
    assert.match(resend.notes.at(-1)!.message, /^The ticket already existed: #\d+ \[access\] @ada to dev$/);
    assert.deepEqual(api.issueops.drafts.all(), []);
  });

  it("refuses a body over GitHub's 65,536 characters before sending and keeps it as a draft", async () => {
    const requestsBefore = gh.requests.length;
    const ui = scriptedPrompts({ checkAll: true, pick: { 'Open IssueOps ticket': 'Deploy request' }, review: ['keep'] });
    api.answerWith(ui.prompts);
    await vscode.commands.executeCommand('youops.openTicket', webRef());
    // A huge answer (e.g. pasted logs) in the kept draft.
    const [draft] = api.issueops.drafts.all();
    assert.ok(draft, 'kept as a draft');
    draft.values.reason = 'x'.repeat(70_000);
    await api.issueops.drafts.save(draft);
    const ui2 = scriptedPrompts({});
    api.answerWith(ui2.prompts);
    await vscode.commands.executeCommand('youops.resendTicketDraft', draft.id);
    const error = ui2.notes.find((n) => n.severity === 'error')!;
    assert.match(error.message, /GitHub accepts at most 65,536 \(\d[\d,]* too many\)/);
    assert.deepEqual(error.actions, ['Edit Draft']);
    assert.equal(
      gh.requests.filter((r) => r.method === 'POST').length,
      gh.requests.slice(0, requestsBefore).filter((r) => r.method === 'POST').length,
      'nothing was sent',
    );
    const kept = api.issueops.drafts.get(draft.id);
    assert.equal(kept?.attempts, 0, 'refused before any request: no attempt reached GitHub');
    assert.match(kept!.lastError!, /GitHub accepts at most 65,536/);
    await api.issueops.drafts.delete(draft.id);
  });

  it('runs a comment command on a ticket and follows the bot’s answer', async function () {
    this.timeout(30_000);
    const ui = scriptedPrompts({ pick: { 'Comment command': '/approve' } });
    api.answerWith(ui.prompts);
    const ticket = (api.issueops.tickets.tickets() ?? [])[0];
    assert.ok(ticket, 'a ticket is loaded');
    await vscode.commands.executeCommand('youops.runTicketCommand', { type: 'ticket', env: 'prod', number: ticket.issue.number } satisfies TreeNode);
    const comments = gh.repo('acme/shop-ops').comments.filter((c) => c.issue === ticket.issue.number);
    assert.equal(comments.find((c) => c.user.type === 'User')!.body, '/approve', 'posted verbatim: bots match the whole comment');
    const answer = ui.notes.at(-1)!;
    assert.equal(answer.severity, 'error');
    assert.equal(answer.message, `#${ticket.issue.number} — issueops-bot[bot]: ❌ Approval failed: you are not a maintainer`);
  });

  it('offers to sign in again when GitHub rejects the session (401)', async () => {
    process.env[TEST_TOKEN_ENV] = 'expired-token';
    try {
      const ui = scriptedPrompts({ input: { 'Comment on #1': 'Any news?' } });
      api.answerWith(ui.prompts);
      await vscode.commands.executeCommand('youops.commentOnTicket', { type: 'ticket', number: 1 });
      const offer = ui.notes.find((n) => n.actions.includes('Sign in again'));
      assert.ok(offer, JSON.stringify(ui.notes));
      assert.match(offer.message, /rejected the sign-in \(401 Bad credentials\)/);
    } finally {
      process.env[TEST_TOKEN_ENV] = TOKEN;
    }
  });

  it("shows the ticket rendered beside the form (VS Code's Markdown preview: the hidden markers stay hidden) and closes it when the flow ends", async () => {
    const previewTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType))
        .map((t) => t.label);
    let shown: string[] = [];
    let previewText = '';
    const ui = new RecordingUi(async (q) => {
      if (q.kind === 'pick' && q.title.startsWith('Open IssueOps ticket')) return 'Deploy request';
      if (q.kind === 'pickMany') return q.items;
      if (q.kind === 'pick' && q.title === 'Deploy request → acme/shop-ops') {
        shown = await waitFor(() => (previewTabs().length ? previewTabs() : undefined), 'the rendered preview tab');
        const source = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'youops-ticket');
        previewText = source?.getText() ?? '';
        return q.items!.find((i) => /Keep as draft/.test(i.label));
      }
      return undefined;
    });
    api.answerWith(ui);

    await vscode.commands.executeCommand('youops.openTicket', webRef());

    assert.deepEqual(shown, ['Preview [deploy] web to prod.md']);
    assert.match(previewText, /^# \[deploy\] web to prod\n\n_New issue in acme\/shop-ops — the preview of what YouOps sends_\n/);
    assert.match(previewText, /### Environment\n\nprod\n/);
    await waitFor(() => (previewTabs().length === 0 ? true : undefined), 'the preview closed with the flow');
    for (const d of api.issueops.drafts.all()) await api.issueops.drafts.delete(d.id);
  });
});
