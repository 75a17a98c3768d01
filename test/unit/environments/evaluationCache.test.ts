import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { EvaluationCache } from '../../../src/core/environments/evaluationCache';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { ParsedFileCache } from '../../../src/core/files/parsedFileCache';

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  replicas: ${replicas}\n`;
const liveList = (replicas: Record<string, number>) =>
  `apiVersion: v1\nkind: List\nitems:\n${Object.entries(replicas)
    .map(([name, n]) => `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: ${name}\n    namespace: shop\n    uid: u-${name}\n  spec:\n    replicas: ${n}\n  status:\n    replicas: ${n}\n`)
    .join('')}`;

describe('ParsedFileCache', () => {
  it('reuses a parse while size and mtime hold, and after a rewrite with the same text; parses again when the text changes', async () => {
    const cache = new ParsedFileCache();
    let reads = 0;
    let parses = 0;
    let text = 'a: 1\n';
    const read = (stamp: { size: number; mtimeMs?: number }) =>
      cache.read(
        'k',
        '/f.yaml',
        stamp,
        async () => (reads++, text),
        (t) => (parses++, { t }),
      );
    const first = await read({ size: 5, mtimeMs: 1 });
    assert.equal(await read({ size: 5, mtimeMs: 1 }), first);
    assert.deepEqual([reads, parses], [1, 1]);
    // Touched (new mtime), same text: read, not parsed.
    assert.equal(await read({ size: 5, mtimeMs: 2 }), first);
    assert.deepEqual([reads, parses], [2, 1]);
    text = 'a: 2\n';
    const changed = await read({ size: 5, mtimeMs: 3 });
    assert.notEqual(changed, first);
    assert.deepEqual([reads, parses], [3, 2]);
    // Without a modification time (a Git tree) the content decides every time.
    assert.equal(await read({ size: 5 }), changed);
    assert.deepEqual([reads, parses], [4, 2]);
  });
});

describe('evaluateEnvironment with an EvaluationCache (real temp Git repository)', function () {
  this.timeout(20_000);
  let repo: string;
  let config: YouOpsConfig;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cache-'));
    write('envs/prod/a.yaml', deployment('a', 2));
    write('envs/prod/b.yaml', deployment('b', 2));
    write('live/prod.yaml', liveList({ a: 2, b: 5 }));
    write('youops.yaml', 'version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live:\n      snapshot: live/prod.yaml\n');
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const r = parseConfigText(fs.readFileSync(path.join(repo, 'youops.yaml'), 'utf8'));
    assert.deepEqual(r.problems, []);
    config = r.config!;
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('returns the same resources and drift objects when nothing changed, and new ones only for the saved file', async () => {
    const cache = new EvaluationCache();
    const ctx = { rootDir: repo, trusted: true, cache };
    const env = config.environments[0];
    const first = await evaluateEnvironment(env, config, ctx);
    assert.deepEqual(
      first.drift.resources.map((r) => [r.id.name, r.status]),
      [
        ['a', 'InSync'],
        ['b', 'Drifted'],
      ],
    );
    const again = await evaluateEnvironment(env, config, { ...ctx, reuse: { history: true } });
    assert.equal(again.drift.resources[0], first.drift.resources[0], 'an unchanged comparison is reused');
    assert.equal(again.drift.resources[1], first.drift.resources[1]);

    // Saving b.yaml with the live value brings b in sync; a's file and comparison are untouched.
    write('envs/prod/b.yaml', deployment('b', 5) + '# fixed\n');
    const saved = await evaluateEnvironment(env, config, { ...ctx, reuse: { live: true, history: true } });
    assert.equal(saved.drift.resources[0], first.drift.resources[0]);
    assert.equal(saved.drift.resources[1].status, 'InSync');
    assert.notEqual(saved.drift.resources[1].resource, first.drift.resources[1].resource);
  });

  it('reads a snapshot while the desired state is read, not after it (a kubectl source waits for the desired resources)', async () => {
    const cache = new EvaluationCache();
    const events: string[] = [];
    const read = cache.files.read.bind(cache.files);
    cache.files.read = (kind, file, stamp, readText, parse) => {
      events.push(`start ${kind}`);
      return read(kind, file, stamp, readText, async (text) => {
        const value = await parse(text);
        events.push(`end ${kind}`);
        return value;
      });
    };
    // An export is read, digested and parsed in one step (off the thread when large).
    const readDigested = cache.files.readDigested.bind(cache.files);
    cache.files.readDigested = async (kind, file, stamp, load) => {
      events.push(`start ${kind}`);
      const value = await readDigested(kind, file, stamp, load);
      events.push(`end ${kind}`);
      return value;
    };
    const state = await evaluateEnvironment(config.environments[0], config, { rootDir: repo, trusted: true, cache });
    assert.equal(state.drift.resources.find((r) => r.id.name === 'b')?.status, 'Drifted');
    assert.ok(events.indexOf('start snapshot') >= 0 && events.indexOf('start snapshot') < events.lastIndexOf('end manifests'), events.join(', '));
  });

  it('re-reads a snapshot that changed even on a save (the export may be what was saved)', async () => {
    const cache = new EvaluationCache();
    const ctx = { rootDir: repo, trusted: true, cache };
    const env = config.environments[0];
    await evaluateEnvironment(env, config, ctx);
    write('live/prod.yaml', liveList({ a: 3, b: 2 }));
    const after = await evaluateEnvironment(env, config, { ...ctx, reuse: { live: true, history: true } });
    assert.deepEqual(
      after.drift.resources.map((r) => [r.id.name, r.status]),
      [
        ['a', 'Drifted'],
        ['b', 'InSync'],
      ],
    );
  });

  it('finds a drifted field\'s line only when it is asked for, and then the line that sets it', async () => {
    const state = await evaluateEnvironment(config.environments[0], config, { rootDir: repo, trusted: true });
    const b = state.drift.resources[1];
    const field = b.fields[0];
    assert.equal(field.path, '/spec/replicas');
    const descriptor = Object.getOwnPropertyDescriptor(field, 'location')!;
    assert.equal(typeof descriptor.get, 'function', 'not computed before it is used');
    assert.equal(field.location!.keyRange.start.line, 6);
    assert.equal(Object.getOwnPropertyDescriptor(field, 'location')!.get, undefined, 'kept once computed');
    assert.deepEqual(JSON.parse(JSON.stringify(field)).location.keyRange.start, { line: 6, character: 2 });
  });
});
