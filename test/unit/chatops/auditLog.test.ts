import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog, type AuditSend } from '../../../src/core/chatops/auditLog';
import { formatAuditLog } from '../../../src/core/chatops/formatAuditLog';

const send = (id: string, text: string): AuditSend => ({ type: 'send', id, time: '2026-01-01T10:00:00.000Z', by: 'ada', via: 'slack', destination: 'Slack #deploys', env: 'prod', text });

describe('ChatOps audit log', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-audit-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('appends JSON lines and never rewrites what is there', async () => {
    const log = new AuditLog(path.join(dir, 'nested', 'audit.jsonl'));
    await log.append(send('1', 'restart web in prod'));
    const first = await fs.readFile(log.file, 'utf8');
    await log.append({ type: 'result', id: '1', time: '2026-01-01T10:00:02.000Z', status: 'success', delivery: 'sent', replies: [{ author: 'bot', text: 'Restarted', at: '2026-01-01T10:00:01.000Z' }] });
    const second = await fs.readFile(log.file, 'utf8');
    assert.ok(second.startsWith(first), 'earlier bytes are untouched');
    assert.equal(second.trim().split('\n').length, 2);
    const entries = await log.entries();
    assert.equal(entries.length, 1);
    assert.equal(entries[0].result?.status, 'success');
    assert.equal(((await fs.stat(log.file)).mode & 0o777).toString(8), '600');
  });

  it('keeps concurrent appends whole and in call order', async () => {
    const log = new AuditLog(path.join(dir, 'audit.jsonl'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(send(String(i), `cmd ${i}`))));
    const records = await log.records();
    assert.deepEqual(records.map((r) => r.id), Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it('skips a torn line and still reads the rest, newest first', async () => {
    const file = path.join(dir, 'audit.jsonl');
    await fs.writeFile(file, `${JSON.stringify(send('a', 'one'))}\n{"type":"send","id":"b",\n${JSON.stringify(send('c', 'three'))}\n`);
    const entries = await new AuditLog(file).entries();
    assert.deepEqual(entries.map((e) => e.send.text), ['three', 'one']);
    assert.deepEqual(await new AuditLog(path.join(dir, 'absent.jsonl')).entries(), []);
  });

  it('formats entries for reading, interrupted sends included', async () => {
    const text = formatAuditLog(
      [
        { send: send('2', 'deploy 1.4 to prod'), result: { type: 'result', id: '2', time: 't', status: 'error', delivery: 'unknown', error: 'Slack did not answer within 30 s', replies: [] } },
        { send: send('1', 'restart web in prod') },
      ],
      '/tmp/audit.jsonl',
    );
    assert.match(text, /2 commands/);
    assert.match(text, /ada → Slack #deploys \[prod\]\n  sent: deploy 1\.4 to prod\n  outcome: ⚠ error \(delivery: unknown\)\n  error: Slack did not answer/);
    assert.match(text, /no result recorded \(interrupted\)/);
  });
});
