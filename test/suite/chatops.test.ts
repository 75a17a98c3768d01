import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryEntry } from '../../src/core/chatops/commandHistory';
import type { YouOpsTestHandles } from '../../src/extension';
import { startFakeSlackServer, type FakeSlackServer } from '../fake-servers/fakeSlackServer';
import { startHubot, type RunningHubot } from '../fake-servers/hubot/startHubot';
import { startWebhookReceiver, type WebhookReceiver } from '../fake-servers/webhookReceiver';
import { ScriptedUi } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from './helpers';

const TOKEN = 'xoxb-extension-host-test';
const ACCEPT_PREVIEW = true;

describe('ChatOps send flow (real extension host; fake Slack, webhook receiver and a real Hubot on 127.0.0.1)', function () {
  this.timeout(90_000);
  let api: YouOpsTestHandles;
  let slack: FakeSlackServer;
  let otherSlack: FakeSlackServer;
  let hook: WebhookReceiver;
  let hubot: RunningHubot;
  let configFile: string;
  let original: string;
  const prompter = new ScriptedUi();

  const writeConfig = async (slackUrl: string) => {
    const chatops = `
chatops:
  transports:
    slack: { channel: "#shop-deploys", apiUrl: "${slackUrl}", followSeconds: 10, pollSeconds: 0.2 }
    webhook: { url-secret: team-hook }
    http: { url: "${hubot.url}" }
  commands:
    - name: deploy
      text: "deploy {{version}} to {{env}}"
      via: http
    - name: restart
      text: "restart {{app}} in {{env}}"
      via: slack
      confirm: [staging]
    - name: announce
      text: "{{app}} {{version}} is live in {{env}}: {{note}}"
      via: webhook
      params:
        note: { prompt: "Note for the channel" }
`;
    fs.writeFileSync(configFile, original.replace(/\nchatops:[\s\S]*?\n(?=operations:)/, `${chatops}\n`));
    await api.store.reload({ force: true });
    await waitForState(
      api,
      (s) => allRefreshed(s) && s.kind === 'ready' && (s.config.chatops.transports.slack as { apiUrl?: string } | undefined)?.apiUrl === slackUrl,
    );
  };

  const webKey = (env: string) => api.store.environment(env)!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!.key;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    const bot = (text: string) =>
      /^restart (\S+) in (\S+)$/.test(text) ? [{ text: 'On it…' }, { text: `✅ Restarted ${text.split(' ')[1]}`, afterMs: 300 }] : [];
    slack = await startFakeSlackServer({ token: TOKEN, channels: { '#shop-deploys': { member: true } }, bot, botName: 'shopbot' });
    otherSlack = await startFakeSlackServer({ token: TOKEN, channels: { '#shop-deploys': { member: true } }, bot });
    hook = await startWebhookReceiver();
    hubot = await startHubot();
    configFile = path.join(workspaceRoot(), 'youops.yaml');
    original = fs.readFileSync(configFile, 'utf8');
    api.answerWith(prompter);
    await writeConfig(slack.url);
  });

  after(async () => {
    api?.answerWith(undefined);
    if (original !== undefined) {
      fs.writeFileSync(configFile, original);
      await api.store.reload({ force: true });
      await waitForState(api, allRefreshed);
    }
    await vscode.workspace.getConfiguration('youops.chatops').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([slack?.close(), otherSlack?.close(), hook?.close(), hubot?.stop()]);
  });

  it('deploys from a code lens through the real Hubot: context prefilled, exact preview, prod confirmation, answer in the tree and audit log', async () => {
    prompter.script('deploy', ACCEPT_PREVIEW, true);
    const entry = (await vscode.commands.executeCommand('youops.sendChatOpsCommand', { env: 'prod', key: webKey('prod') })) as HistoryEntry;
    const [pick, preview, confirm] = prompter.asked;
    assert.ok(pick.options!.includes('Free-form message…'));
    assert.equal(preview.value, 'deploy 1.4.1 to prod', 'version from the image tag, env from the lens');
    assert.match(preview.title, /^Preview — Enter sends this to bot at 127\.0\.0\.1:\d+$/);
    assert.equal(confirm.title, 'prod is protected. Send this ChatOps command?');
    assert.match(confirm.detail!, /^deploy 1\.4\.1 to prod\n\n→ bot at /);

    assert.equal(entry.status, 'success');
    assert.deepEqual(
      entry.replies.map((r) => `${r.author}: ${r.text}`),
      ['hubot: Deploying shop 1.4.1 to prod…', 'hubot: ✅ Deployed shop 1.4.1 to prod'],
    );

    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const row = api.tree.getChildren(prod).find((n) => n.type === 'chatops')!;
    const item = api.tree.getTreeItem(row);
    assert.equal(item.label, 'Last command: deploy 1.4.1 to prod → ✓');
    assert.match(String(item.description), /^\d+s ago$/);

    const log = fs
      .readFileSync(api.chatops.audit.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const records = log.filter((r) => r.id === entry.id);
    assert.deepEqual(
      records.map((r) => r.type),
      ['send', 'result'],
    );
    assert.equal(records[0].text, 'deploy 1.4.1 to prod');
    assert.equal(records[1].status, 'success');

    await vscode.commands.executeCommand('youops.chatops.showAuditLog');
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.scheme, 'youops-audit');
    assert.match(doc.getText(), /sent: deploy 1\.4\.1 to prod\n  outcome: ✓ success/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('sends nothing when the preview is dismissed', async () => {
    const before = api.chatops.history.all().length;
    prompter.script('deploy', undefined);
    const result = await vscode.commands.executeCommand('youops.sendChatOpsCommand', { env: 'dev', key: webKey('dev') });
    assert.equal(result, undefined);
    assert.equal(api.chatops.history.all().length, before);
  });

  it('stores the Slack token masked and bound to the fake Slack host, then restarts from the tree and follows the thread', async () => {
    prompter.script((q) => (q.kind === 'input' ? TOKEN : undefined));
    assert.equal(await vscode.commands.executeCommand('youops.chatops.setSlackToken'), true);
    assert.match(prompter.asked[0].title, /^Slack bot token for 127\.0\.0\.1:\d+$/);

    // The environment row gives only the environment: the app is asked for.
    prompter.script('restart', 'web', ACCEPT_PREVIEW, true);
    const entry = (await vscode.commands.executeCommand('youops.sendChatOpsCommand', { type: 'environment', env: 'staging' })) as HistoryEntry;
    assert.equal(prompter.asked[1].title, 'restart: which resource in staging?');
    assert.equal(prompter.asked[3].title, 'staging is protected. Send this ChatOps command?', 'staging is in the command’s confirm list');
    assert.equal(entry.status, 'success');
    assert.deepEqual(
      entry.replies.map((r) => `${r.author}: ${r.text}`),
      ['shopbot: On it…', 'shopbot: ✅ Restarted web'],
    );
    assert.deepEqual(
      slack.posted.map((p) => [p.channel, p.text]),
      [['#shop-deploys', 'restart web in staging']],
    );
    assert.ok(slack.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  it('keeps a not_in_channel failure in history and resends it with one click, once', async () => {
    slack.failNext('chat.postMessage', 'not_in_channel');
    prompter.script('restart', 'api', ACCEPT_PREVIEW);
    const failed = (await vscode.commands.executeCommand('youops.sendChatOpsCommand', { type: 'environment', env: 'dev' })) as HistoryEntry;
    assert.equal(failed.status, 'error');
    assert.equal(failed.delivery, 'not-sent');
    assert.match(failed.error!, /not a member of #shop-deploys \(not_in_channel\): invite it/);
    assert.equal(api.chatops.history.find(failed.id)?.status, 'error');

    prompter.script();
    const resent = (await vscode.commands.executeCommand('youops.chatops.resend', { id: failed.id })) as HistoryEntry;
    assert.equal(prompter.asked.length, 0, 'nothing arrived the first time, so no question');
    assert.equal(resent.status, 'success');
    assert.equal(slack.posted.filter((p) => p.text === 'restart api in dev').length, 1);
  });

  it('Cancel aborts the request to the bot at once and keeps the command in the history, saying it may have arrived', async () => {
    prompter.script('Free-form message…', 'http', 'sleep 8000');
    const started = Date.now();
    const running = vscode.commands.executeCommand('youops.sendChatOpsCommand') as Thenable<HistoryEntry>;
    const progress = await waitFor(() => prompter.progresses.find((p) => p.title === 'YouOps: sleep 8000'), 'the progress');
    assert.equal(progress.cancellable, true);
    await new Promise((r) => setTimeout(r, 300)); // the request is at the bot
    progress.cancel();
    const entry = await running;
    assert.ok(Date.now() - started < 6000, 'did not wait for the bot');
    assert.deepEqual([entry.status, entry.errorCode, entry.delivery], ['error', 'cancelled', 'unknown']);
    assert.equal(api.chatops.history.find(entry.id)?.errorCode, 'cancelled', 'kept in the history for Resend');
    const note = prompter.notes.at(-1)!;
    assert.equal(note.severity, 'warning');
    assert.match(
      note.message,
      /^Cancelled: sleep 8000 — bot at 127\.0\.0\.1:\d+ may have received it\. The command is kept in the ChatOps history: check the channel, then Resend… if it did not arrive\.$/,
    );
    assert.deepEqual(note.actions, ['Show Log', 'Resend…']);
  });

  it('asks before resending a command that may have arrived (bot timeout), and sends nothing on No', async () => {
    await vscode.workspace.getConfiguration('youops.chatops').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    prompter.script('Free-form message…', 'http', 'sleep 2500');
    const timedOut = (await vscode.commands.executeCommand('youops.sendChatOpsCommand')) as HistoryEntry;
    assert.equal(timedOut.status, 'error');
    assert.equal(timedOut.delivery, 'unknown');
    assert.match(timedOut.error!, /did not answer within 1 s; the message may or may not have arrived/);

    const sendsBefore = fs
      .readFileSync(api.chatops.audit.file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"type":"send"')).length;
    prompter.script(false);
    assert.equal(await vscode.commands.executeCommand('youops.chatops.resend', { id: timedOut.id }), undefined);
    assert.equal(prompter.asked[0].title, 'Send this ChatOps command again?');
    assert.match(prompter.asked[0].detail!, /may have arrived/);
    const sendsAfter = fs
      .readFileSync(api.chatops.audit.file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"type":"send"')).length;
    assert.equal(sendsAfter, sendsBefore);
  });

  it('will not hand the stored Slack token to another host that youops.yaml names without confirmation', async () => {
    await writeConfig(otherSlack.url);
    try {
      prompter.script('restart', false);
      const result = await vscode.commands.executeCommand('youops.sendChatOpsCommand', { type: 'environment', env: 'dev' });
      assert.equal(result, undefined);
      const confirm = prompter.asked[1];
      assert.match(confirm.title, /^Send the Slack bot token to 127\.0\.0\.1:\d+\?$/);
      assert.match(confirm.detail!, /stored for 127\.0\.0\.1:\d+, but youops\.yaml now points at/);
      assert.equal(otherSlack.requests.length, 0, 'the other host never saw the token');
    } finally {
      await writeConfig(slack.url);
    }
  });

  it('posts to a webhook stored in SecretStorage with Slack escaping of the values, and says it cannot read the answer', async () => {
    prompter.script((q) => (q.kind === 'input' ? `${hook.url}/services/T1/B1/very-secret` : undefined));
    assert.equal(await vscode.commands.executeCommand('youops.chatops.setWebhookUrl'), true);

    prompter.script('announce', '<!here> & @channel: new <sign-up> flow', ACCEPT_PREVIEW);
    const entry = (await vscode.commands.executeCommand('youops.sendChatOpsCommand', { env: 'dev', key: webKey('dev') })) as HistoryEntry;
    assert.equal(prompter.asked[1].title, 'announce: Note for the channel');
    assert.equal(entry.status, 'sent');
    assert.doesNotMatch(entry.destination, /very-secret/);
    const body = hook.received.at(-1)!.body as { text: string };
    assert.equal(body.text, 'web 1.5.0 is live in dev: &lt;!here&gt; &amp; @\u200bchannel: new &lt;sign-up&gt; flow');
    assert.doesNotMatch(fs.readFileSync(api.chatops.audit.file, 'utf8'), /very-secret|xoxb-/, 'no secret in the audit log');
  });

  it('sends the HTTP bot token stored for its host (set, replace, clear), never shows it, and offers to set it when the bot answers 401', async () => {
    const BOT_TOKEN = 'hubot-shared-secret-7f3a';
    const guarded = await startHubot({ env: { HUBOT_YOUOPS_TOKEN: BOT_TOKEN } });
    const before = fs.readFileSync(configFile, 'utf8');
    const sendFreeForm = async (text: string) => {
      prompter.script('Free-form message…', 'http', text);
      return (await vscode.commands.executeCommand('youops.sendChatOpsCommand')) as HistoryEntry;
    };
    try {
      fs.writeFileSync(configFile, before.replace(hubot.url, guarded.url));
      await api.store.reload({ force: true });
      await waitForState(api, (s) => s.kind === 'ready' && (s.config.chatops.transports.http as { url?: string } | undefined)?.url === guarded.url);

      // No token stored: the bot refuses, nothing ran, and the fix offered is the command that stores one.
      const refused = await sendFreeForm('deploy 3.0.0 to dev');
      assert.equal(refused.status, 'error');
      assert.equal(refused.delivery, 'not-sent');
      assert.match(refused.error!, /wants a bot token \(HTTP 401/);
      const failure = prompter.notes.find((n) => n.severity === 'error')!;
      assert.ok(failure.actions.includes('Set HTTP Bot Token'), failure.actions.join(', '));

      prompter.script((q) => (q.kind === 'input' ? BOT_TOKEN : undefined));
      assert.equal(await vscode.commands.executeCommand('youops.chatops.setBotToken'), true);
      assert.match(prompter.asked[0].title, /^Bot token for 127\.0\.0\.1:\d+$/);
      assert.equal(prompter.asked[0].password, true, 'typed masked');

      prompter.script();
      const resent = (await vscode.commands.executeCommand('youops.chatops.resend', { id: refused.id })) as HistoryEntry;
      assert.equal(prompter.asked.length, 0, 'the refused command never ran, so resending asks nothing');
      assert.equal(resent.status, 'success');
      assert.equal(resent.replies.at(-1)?.text, '✅ Deployed shop 3.0.0 to dev');

      // Running the command again replaces the token.
      prompter.script((q) => (q.kind === 'input' ? 'an-old-token' : undefined));
      assert.equal(await vscode.commands.executeCommand('youops.chatops.setBotToken'), true);
      assert.match(prompter.asked[0].title, /^Replace the bot token for 127\.0\.0\.1:\d+$/);
      const wrong = await sendFreeForm('deploy 3.0.1 to dev');
      assert.match(wrong.error!, /refused the stored bot token \(HTTP 401/);

      prompter.script();
      await vscode.commands.executeCommand('youops.chatops.clearBotToken');
      assert.match(prompter.notes.at(-1)!.message, /bot token for 127\.0\.0\.1:\d+ removed/);
      assert.match((await sendFreeForm('deploy 3.0.2 to dev')).error!, /wants a bot token/);

      const shown = JSON.stringify([prompter.notes, api.chatops.history.all()]) + fs.readFileSync(api.chatops.audit.file, 'utf8') + guarded.output();
      assert.ok(!shown.includes(BOT_TOKEN) && !shown.includes('an-old-token'), 'the token is in no message, history entry, audit record or bot log');
    } finally {
      fs.writeFileSync(configFile, before);
      await api.store.reload({ force: true });
      await waitForState(api, (s) => s.kind === 'ready' && (s.config.chatops.transports.http as { url?: string } | undefined)?.url === hubot.url);
      await guarded.stop();
    }
  });
});
