import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { offThreadStats, readYamlValuesOffThread, setOffThreadReading } from '../../../src/core/yaml/offThread';
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
});
