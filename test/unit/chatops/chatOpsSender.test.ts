import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog } from '../../../src/core/chatops/auditLog';
import { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { ChatOpsSender } from '../../../src/core/chatops/chatOpsSender';
import type { HistoryEntry } from '../../../src/core/chatops/commandHistory';
import { CommandHistory } from '../../../src/core/chatops/commandHistory';
import { compilePatterns } from '../../../src/core/chatops/feedback';
import { sleep } from '../../../src/core/chatops/sleep';
import { HttpTransport } from '../../../src/core/chatops/transports/httpTransport';
import type { BotReply, ChatTransport, Posted } from '../../../src/core/chatops/transports/transport';
import { listenOnLoopback } from '../../fake-servers/httpServer';

const patterns = compilePatterns(undefined, undefined).patterns;

/** A transport double: records sends and answers with the given script. */
class ScriptedTransport implements ChatTransport {
  readonly kind = 'slack';
  readonly destination = 'Slack #deploys';
  readonly escape = 'slack';
  sent: string[] = [];
  constructor(private readonly answer: (text: string) => Promise<Posted>) {}
  send(text: string): Promise<Posted> {
    this.sent.push(text);
    return this.answer(text);
  }
}

const reply = (text: string): BotReply => ({ author: 'bot', text, at: new Date() });

describe('ChatOps sender', () => {
  let dir: string;
  let audit: AuditLog;
  let trusted: boolean;
  let sender: ChatOpsSender;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-sender-'));
    audit = new AuditLog(path.join(dir, 'audit.jsonl'));
    trusted = true;
    sender = new ChatOpsSender({ audit, user: 'ada', isTrusted: () => trusted });
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('sends nothing from an untrusted workspace', async () => {
    trusted = false;
    const t = new ScriptedTransport(async () => ({ replies: [] }));
    await assert.rejects(sender.send({ text: 'deploy', transport: t, patterns, followMs: 0 }), (e: ChatOpsError) => e.code === 'untrusted');
    assert.deepEqual(t.sent, []);
    assert.deepEqual(await audit.records(), []);
  });

  it('follows replies until one announces the outcome, reporting each step, and audits send and answer', async () => {
    const t = new ScriptedTransport(async () => ({
      replies: [reply('Restarting web…')],
      follow: async (_ms, onReply) => {
        for (const text of ['still going', '✅ Restarted web', 'never read']) if (onReply(reply(text))) return;
      },
    }));
    const updates: HistoryEntry[] = [];
    const entry = await sender.send({ text: 'restart web in prod', transport: t, env: 'prod', command: 'restart', patterns, followMs: 1000 }, (e) => updates.push(e));
    assert.equal(entry.status, 'success');
    assert.deepEqual(entry.replies.map((r) => r.text), ['Restarting web…', 'still going', '✅ Restarted web']);
    assert.deepEqual([...new Set(updates.map((u) => u.status))], ['sending', 'waiting', 'success']);
    const [sendRecord, result] = await audit.records();
    assert.deepEqual({ ...sendRecord, time: undefined, id: undefined }, { type: 'send', id: undefined, time: undefined, by: 'ada', via: 'slack', destination: 'Slack #deploys', command: 'restart', env: 'prod', text: 'restart web in prod' });
    assert.equal(result.type === 'result' && result.status, 'success');
  });

  it('reports failure, a neutral answer, silence and transports that cannot read replies', async () => {
    const run = (posted: Posted, followMs = 100) => sender.send({ text: Math.random().toString(), transport: new ScriptedTransport(async () => posted), patterns, followMs });
    assert.equal((await run({ replies: [reply('❌ deploy denied')] })).status, 'failure');
    assert.equal((await run({ replies: [reply('queued as #42')] })).status, 'answered');
    assert.equal((await run({ replies: [], follow: async () => undefined })).status, 'no-answer');
    assert.equal((await run({ replies: [] })).status, 'sent');
  });

  it('keeps a failed send with its delivery state and never retries it', async () => {
    const t = new ScriptedTransport(async () => {
      throw new ChatOpsError('timeout', 'Slack did not answer within 30 s; the message may or may not have arrived', 'unknown');
    });
    const entry = await sender.send({ text: 'deploy 1.4 to prod', transport: t, patterns, followMs: 0 });
    assert.equal(entry.status, 'error');
    assert.equal(entry.delivery, 'unknown');
    assert.equal(t.sent.length, 1);
    assert.equal((await audit.entries())[0].result?.error, entry.error);
  });

  it('refuses the same message to the same place while the first send is running', async () => {
    let release!: () => void;
    const t = new ScriptedTransport(() => new Promise<Posted>((r) => (release = () => r({ replies: [] }))));
    const first = sender.send({ text: 'deploy 1.4 to prod', transport: t, patterns, followMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(sender.isInFlight(t, 'deploy 1.4 to prod'), true);
    await assert.rejects(sender.send({ text: ' deploy 1.4 to prod ', transport: t, patterns, followMs: 0 }), (e: ChatOpsError) => e.code === 'duplicate');
    release();
    await first;
    assert.equal(t.sent.length, 1);
    assert.equal(sender.isInFlight(t, 'deploy 1.4 to prod'), false);
  });

  it('keeps the delivered command when only reading replies fails', async () => {
    const t = new ScriptedTransport(async () => ({
      replies: [],
      follow: async () => {
        throw new ChatOpsError('invalid_auth', 'Slack rejected the bot token');
      },
    }));
    const entry = await sender.send({ text: 'x', transport: t, patterns, followMs: 100 });
    assert.equal(entry.delivery, 'sent');
    assert.equal(entry.status, 'no-answer');
    assert.match(entry.error!, /reading replies failed/);
  });

  it('a cancel aborts the request in flight (a bot on 127.0.0.1 that never answers): kept as cancelled, maybe delivered', async () => {
    const silent = await listenOnLoopback(http.createServer(() => undefined));
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 200);
      const started = Date.now();
      const t = new HttpTransport(`http://127.0.0.1:${silent.port}/youops/chatops`, 'ada', 30_000);
      const entry = await sender.send({ text: 'deploy 1.0 to dev', transport: t, patterns, followMs: 0 }, undefined, abort.signal);
      assert.ok(Date.now() - started < 5000, 'did not wait for the 30 s timeout');
      assert.deepEqual([entry.status, entry.errorCode, entry.delivery], ['error', 'cancelled', 'unknown']);
      assert.match(entry.error!, /^cancelled while talking to the bot at 127\.0\.0\.1:\d+; the message may or may not have arrived$/);
      assert.deepEqual((await audit.records()).map((r) => r.type), ['send', 'result']);
    } finally {
      await silent.close();
    }
  });

  it('a cancel while following the replies keeps the sent command and says the waiting stopped', async () => {
    const abort = new AbortController();
    const t = new ScriptedTransport(async () => ({ replies: [], follow: (ms, _onReply, signal) => sleep(ms, signal) }));
    setTimeout(() => abort.abort(), 100);
    const entry = await sender.send({ text: 'restart web in dev', transport: t, patterns, followMs: 30_000 }, undefined, abort.signal);
    assert.deepEqual([entry.status, entry.delivery], ['no-answer', 'sent']);
    assert.equal(entry.error, 'stopped waiting for the answer (cancelled); the command was sent');
  });

  it('history: newest first, replaced in place, capped, last command per environment', () => {
    const e = (id: string, env?: string): HistoryEntry => ({ id, text: id, via: 'http', destination: 'd', env, sentAt: '', status: 'sent', delivery: 'sent', replies: [] });
    const h = new CommandHistory([e('old', 'prod'), { bogus: true } as never], 3);
    assert.equal(h.all().length, 1, 'damaged entries are dropped');
    h.put(e('a', 'dev'));
    h.put(e('b', 'prod'));
    h.put({ ...e('a', 'dev'), status: 'success' });
    assert.deepEqual(h.all().map((x) => x.id), ['b', 'a', 'old']);
    assert.equal(h.find('a')?.status, 'success');
    assert.equal(h.lastFor('prod')?.id, 'b');
    h.put(e('c'));
    assert.deepEqual(h.all().map((x) => x.id), ['c', 'b', 'a']);
  });
});
