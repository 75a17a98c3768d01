import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentDigest, ParsedFileCache } from '../../../src/core/files/parsedFileCache';
import { FILE_LIMITS, FileRefusedError, readBoundedText } from '../../../src/core/files/readBounded';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';
import { offThreadStats, readYamlFileOffThread, readYamlValuesOffThread, setOffThreadReading } from '../../../src/core/yaml/offThread';
import { readYamlValues } from '../../../src/core/yaml/readYaml';

/** A kubectl-style List of `count` objects, about 300 bytes each. */
function export_(count: number, extra = ''): string {
  const items = Array.from({ length: count }, (_, i) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-${i}\n    namespace: shop\n  data:\n    mode: 0644\n    enabled: yes\n    url: https://svc-${i}.internal\n${extra}`);
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}

describe('YAML reading layer off the calling thread', function () {
  this.timeout(30_000);

  it('reads a large export in a worker with exactly the values and problems of the calling thread', async () => {
    const text = export_(2000) + '---\nbroken: [\n';
    const before = offThreadStats.reads;
    const off = await readYamlValuesOffThread(text);
    assert.equal(offThreadStats.reads, before + 1, 'read by a worker');
    assert.deepEqual(off, JSON.parse(JSON.stringify(readYamlValues(text))));
    assert.equal((off.values[0] as { items: Array<{ data: unknown }> }).items[7].data, (off.values[0] as { items: Array<{ data: unknown }> }).items[7].data);
    assert.deepEqual((off.values[0] as { items: Array<{ data: unknown }> }).items[7].data, { mode: 420, enabled: true, url: 'https://svc-7.internal' });
    assert.equal(off.problems[0].code, 'yaml-syntax');
  });

  it('reads small texts, JSON and values JSON cannot carry (.nan, .inf) on the calling thread', async () => {
    const before = offThreadStats.reads;
    assert.deepEqual((await readYamlValuesOffThread('a: 1\n')).values, [{ a: 1 }]);
    const json = JSON.stringify({ kind: 'List', items: Array.from({ length: 4000 }, (_, i) => ({ name: `x${i}`, pad: 'y'.repeat(60) })) });
    assert.equal((await readYamlValuesOffThread(json)).values.length, 1);
    const inf = await readYamlValuesOffThread(export_(2000, '    ratio: .inf\n'));
    assert.equal((inf.values[0] as { items: Array<{ data: { ratio: number } }> }).items[0].data.ratio, Infinity);
    assert.equal(offThreadStats.reads, before);
  });

  it('hands every large text to a worker at once, not when this thread gets to the last answer (a busy editor thread kept the worker waiting)', async () => {
    const texts = [export_(2000), export_(2100), export_(2200)];
    const before = { ...offThreadStats };
    const reads = texts.map((t) => readYamlValuesOffThread(t));
    assert.equal(offThreadStats.handed, before.handed + 3, 'all three in the worker queue before any answer');
    const values = await Promise.all(reads);
    assert.equal(offThreadStats.reads, before.reads + 3);
    values.forEach((v, i) => assert.deepEqual(v, readYamlValues(texts[i])));
  });

  it('reads on the calling thread when turned off (the CLI), with the same values', async () => {
    const text = export_(2000);
    const before = offThreadStats.reads;
    setOffThreadReading(false);
    try {
      assert.deepEqual(await readYamlValuesOffThread(text), readYamlValues(text));
    } finally {
      setOffThreadReading(true);
    }
    assert.equal(offThreadStats.reads, before);
  });

  it('keeps a process alive while a worker reads, and never after (a CLI exits when its work is done, not when the idle worker stops 10 s later)', () => {
    const script = `
      const { readYamlValuesOffThread, offThreadStats } = require(${JSON.stringify(path.join(__dirname, '../../../src/core/yaml/offThread.js'))});
      const items = Array.from({ length: 6000 }, (_, i) => '- kind: ConfigMap\\n  metadata:\\n    name: cm-' + i + '\\n  data:\\n    mode: 0644\\n').join('');
      readYamlValuesOffThread('kind: List\\nitems:\\n' + items).then((r) => console.log(offThreadStats.reads, r.values[0].items.length));`;
    // The idle worker is stopped after 10 s: a process it kept alive would be killed at 9 s.
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 9000 });
    assert.equal(r.signal, null, 'the process exited by itself');
    assert.equal(r.stdout.trim(), '1 6000', 'answered by the worker before exiting');
  });

  describe('files', () => {
    let dir: string;
    const write = (name: string, text: string): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    const read = (file: string, knownDigest?: string) => readYamlFileOffThread({ file, size: 1024 * 1024, limit: FILE_LIMITS.snapshot, root: dir, knownDigest });
    beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'youops-offthread-')))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads, digests and parses a large file in a worker with the values and digest of the calling thread; told the digest it has, only says so', async () => {
      const text = export_(2000) + '---\nbroken: [\n';
      const file = write('live.yaml', text);
      const before = offThreadStats.reads;
      const first = await read(file);
      assert.equal(offThreadStats.reads, before + 1, 'read by a worker');
      assert.equal(first.digest, contentDigest(text));
      assert.deepEqual(first.unchanged ? undefined : first.value, JSON.parse(JSON.stringify(readYamlValues(text))));
      assert.deepEqual(await read(file, first.digest), { digest: first.digest, unchanged: true });
      assert.equal(offThreadStats.reads, before + 2);
    });

    it('hands JSON and values JSON cannot carry (.inf) back to the calling thread, with the same values', async () => {
      const json = JSON.stringify({ kind: 'List', items: Array.from({ length: 4000 }, (_, i) => ({ name: `x${i}`, pad: 'y'.repeat(60) })) });
      const fromJson = await read(write('live.json', json));
      assert.deepEqual(fromJson.unchanged ? undefined : fromJson.value, { values: [JSON.parse(json)], problems: [] });
      const inf = await read(write('inf.yaml', export_(2000, '    ratio: .inf\n')));
      assert.equal(inf.unchanged ? undefined : (inf.value.values[0] as { items: Array<{ data: { ratio: number } }> }).items[0].data.ratio, Infinity);
    });

    it('refuses in the worker what the calling thread refuses, with the same error: a link out of the folder, a missing file', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-outside-'));
      try {
        fs.writeFileSync(path.join(outside, 'secret.yaml'), export_(2000));
        fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'link.yaml'));
        for (const file of [path.join(dir, 'link.yaml'), path.join(dir, 'gone.yaml')]) {
          const here = await readBoundedText(file, FILE_LIMITS.snapshot, dir).then(
            () => assert.fail('read'),
            (e: Error) => e,
          );
          const before = offThreadStats.handed;
          await assert.rejects(read(file), (e: Error) => e.message === here.message && e instanceof FileRefusedError === here instanceof FileRefusedError);
          assert.equal(offThreadStats.handed, before + 1, 'asked of a worker');
        }
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it("keeps a snapshot's objects when it is rewritten with the same content, and reads them again when it changes", async () => {
      const file = write('live.yaml', export_(2000));
      const cache = new ParsedFileCache();
      const provider = new SnapshotProvider(file, dir, cache);
      const first = await provider.fetch({ resources: [] });
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000)); // touched
      const touched = await provider.fetch({ resources: [] });
      assert.equal(touched.objects[0].object, first.objects[0].object, 'the same parse');
      fs.writeFileSync(file, export_(2001));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
      const changed = await provider.fetch({ resources: [] });
      assert.equal(changed.objects.length, 2001);
    });
  });
});
