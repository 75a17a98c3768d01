import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateText } from '../../../src/core/validation/validateText';
import { hoverAt } from '../../../src/core/validation/descriptions';

const DEMO = path.resolve(__dirname, '../../../../examples/demo');

function demoFiles(dir = DEMO): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? demoFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const INSERTS = ['\t', ':', '- ', '{', ']', '"', "'", '&a ', '*a', '!!int ', '? ', '|', '>', '---\n', '...\n', '{{ x }}', '\u0000', '#', '\n  ', 'null', '~', '<<: *a\n', '\uFEFF'];

describe('validation: bad input never throws', () => {
  const files = demoFiles();

  it('finds the demo manifests', () => {
    assert.ok(files.length >= 10, String(files.length));
  });

  it('survives 600 random mutations of the demo manifests with well-formed diagnostics', async function () {
    this.timeout(60_000);
    const next = rng(42);
    let withFindings = 0;
    for (let i = 0; i < 600; i++) {
      const file = files[i % files.length];
      let text = fs.readFileSync(file, 'utf8');
      for (let m = 0; m < 1 + Math.floor(next() * 4); m++) {
        const at = Math.floor(next() * text.length);
        const op = next();
        if (op < 0.4) text = text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
        else text = text.slice(0, at) + text.slice(at).replace(/\n/, '\n ');
      }
      const result = await validateText(text, { fileName: file });
      const lineCount = text.split('\n').length;
      for (const d of result.diagnostics) {
        assert.ok(d.range.start.line >= 0 && d.range.end.line < lineCount + 1, `${file} #${i}: ${JSON.stringify(d.range)}`);
        assert.ok(d.message.length > 0);
      }
      if (result.diagnostics.length) withFindings++;
      hoverAt(text, { line: Math.floor(next() * lineCount), character: 3 }, { fileName: file });
    }
    assert.ok(withFindings > 100, `only ${withFindings} mutated files had findings`);
  });

  it('handles alias bombs, deep nesting and odd scalars', async () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nkind: X\n';
    assert.ok(Array.isArray((await validateText(bomb)).diagnostics));
    const deep = 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(500) + ']'.repeat(500) + '\n';
    assert.ok((await validateText(deep)).diagnostics.length >= 1);
    for (const odd of ['', '\n', '---', '...', '- a\n- b', '"just a string"', '42', '? complex\n: key', 'kind: [a]\napiVersion: {b: 1}']) {
      assert.ok(Array.isArray((await validateText(odd)).diagnostics), odd);
    }
  });
});
