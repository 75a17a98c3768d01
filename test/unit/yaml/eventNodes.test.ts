import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { generateDriftCorpus } from '../../../bench/drift/driftCorpus';
import { LineIndex } from '../../../src/core/text/range';
import { splitDocuments } from '../../../src/core/text/splitYamlDocuments';
import { composeDocument } from '../../../src/core/yaml/composeNodes';
import { nodesFromEvents } from '../../../src/core/yaml/eventNodes';
import { readYamlDocuments } from '../../../src/core/yaml/readYaml';
import { YamlPositions } from '../../../src/core/yaml/yamlPositions';
import { yamlFiles } from './yamlFiles';

const root = path.resolve(__dirname, '../../../..');

/** Positions through the `yaml` package's nodes: what every document used before js-yaml's events did. */
function packagePositions(text: string): YamlPositions {
  const lines = new LineIndex(text);
  const [doc] = parseAllDocuments(text, { schema: 'failsafe', merge: false, uniqueKeys: false, strict: false, prettyErrors: false, logLevel: 'silent' });
  const composed = composeDocument(doc, (o) => lines.positionAt(o).line);
  return new YamlPositions(doc, text, 0, composed.targetOf);
}

/** Every field's key and value ranges, the squiggles, and the field under each line's first character. */
function everything(positions: YamlPositions, text: string): unknown {
  const fields = [...positions.fieldsUnder('')];
  const squiggles = fields.map(([p]) => [p, positions.valueRange(p), positions.fieldRange(p)]);
  const lineCount = text.split('\n').length;
  const hits = Array.from({ length: lineCount }, (_, line) => positions.pathAt({ line, character: Math.max(0, text.split('\n')[line].search(/\S/)) }));
  return { root: positions.field(''), fields, squiggles, hits };
}

/** Asserts the event nodes give the `yaml` package's answers for a document; false when they left it to the package. */
function agrees(text: string, where: string): boolean {
  const doc = nodesFromEvents(text);
  if (!doc) return false;
  assert.deepEqual(everything(new YamlPositions(doc, text, 0, () => undefined), text), everything(packagePositions(text), text), where);
  return true;
}

describe("YAML positions from js-yaml's parse events, the same as the `yaml` package's", () => {
  it('on every real manifest, issue form and kustomization in the test fixtures (sources in each folder)', () => {
    let fast = 0;
    let documents = 0;
    for (const file of yamlFiles(path.join(root, 'test/fixtures'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const chunk of splitDocuments(text, { emptyDocuments: true })) {
        documents++;
        if (agrees(chunk.text, `${path.relative(root, file)}:${chunk.startLine + 1}`)) fast++;
      }
    }
    // Most real documents take the fast way; the rest (tags, anchors, comments after a last value) the package's.
    assert.ok(documents > 80 && fast / documents > 0.8, `${fast} of ${documents} documents`);
  });

  it('on the kubectl-shaped objects of the drift corpus, desired and live (the scale bench generates its repositories from them)', () => {
    for (const pair of generateDriftCorpus(300, 7)) {
      for (const object of [pair.desired, pair.live]) {
        const text = jsyaml.dump(object, { noArrayIndent: true, lineWidth: -1 });
        assert.ok(agrees(text, text.slice(0, 200)), `fell back on ${text.slice(0, 200)}`);
      }
    }
  });

  const edges: Record<string, string> = {
    'CRLF line ends': 'a: 1\r\nb:\r\n  c: [x, y]\r\n  d: |\r\n    t\r\n  e:\r\nf: "q"\r\n',
    'nested and compact sequences, block scalars in items, flow collections, empty strings':
      '- - a\n  - b\n- c: 1\n  d:\n  - e\n-   f: 2\n    g: >\n      x\n\n      y\n- "multi\n  line"\n- plain\n  more\n- {a: 1, b: [2, 3]}\n- []\n- {}\n- ""\n',
    'a document marker and comments, go-yaml keys ("0644" and 0644)': '---\n# c\napiVersion: v1 # x\nkind: ConfigMap\nmetadata: {name: a}\n"0644": 1\n0644: 2\n',
    'chomping indicators (kept, stripped)': 'data:\n  k: |+\n    keep\n\n  j: |-\n    strip\n\nz: 1',
    'quoted keys and escapes': "'sq': 'it''s'\n\"dq\\n\": \"a\\tb\"\n",
    'comments at and left of a collection after its last value': 'metadata:\n  name: x\n# section\nspec:\n  upgrade:\n    strategy:\n      name: R\n  # values\n  values:\n    a: 1\n',
    'comments indented deeper than the last value': 'a:\n  b:\n    c: 1\n      # six\n  e: 1\n',
    'no line break at the end, trailing spaces': 'node_js:\n  - "5"\n  - "0.12"  ',
    'empty values before a dedent': 'a:\n  b:\n\nd: 2\nattributes:\n  value:\nvalidations:\n',
  };
  for (const [name, text] of Object.entries(edges)) {
    it(name, () => assert.ok(agrees(text, name), 'expected the fast way'));
  }

  it('leaves tags, anchors, aliases, explicit keys, BOMs and unread trees to the `yaml` package', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '? complex\n: v\n', '\ufeffa: 1\n', 'a:\n  - 1\n  -\n  - 3\n', '{a}\n', 'a: [b: 1]\n', 'a: b: c\n']) {
      assert.equal(nodesFromEvents(text), undefined, JSON.stringify(text));
    }
  });

  it('gives a read document its positions in file coordinates (a document that starts at line 41)', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3 # scaled\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1.2\n';
    const [doc] = readYamlDocuments(text, { firstLine: 40 });
    const image = doc.positions().field('/spec/template/spec/containers/0/image')!;
    assert.deepEqual(image.keyRange, { start: { line: 50, character: 8 }, end: { line: 50, character: 13 } });
    assert.deepEqual(image.valueRange, { start: { line: 50, character: 15 }, end: { line: 50, character: 22 } });
    assert.equal(doc.positions().field('/spec/replicas')!.valueRange.end.character, 13);
  });
});
