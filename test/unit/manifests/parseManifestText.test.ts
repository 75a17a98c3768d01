import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LazyFieldMap } from '../../../src/core/manifests/lazyFieldMap';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

const MULTI = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1.0
---
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

describe('parseManifestText', () => {
  it('parses multi-document YAML with exact 0-based positions', () => {
    const { resources, errors } = parseManifestText(MULTI, '/abs/web.yaml');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      resources.map((r) => [r.key, r.docIndex]),
      [
        ['apps/v1/Deployment/shop/web', 0],
        ['v1/Service//web', 2],
      ],
    );
    const [deploy, service] = resources;
    assert.equal(deploy.file, '/abs/web.yaml');
    assert.deepEqual(deploy.range.start, { line: 1, character: 0 });
    assert.deepEqual(deploy.fields.get('/spec/replicas'), {
      keyRange: { start: { line: 7, character: 2 }, end: { line: 7, character: 10 } },
      valueRange: { start: { line: 7, character: 12 }, end: { line: 7, character: 13 } },
    });
    const image = deploy.fields.get('/spec/template/spec/containers/0/image');
    assert.deepEqual(image?.valueRange, { start: { line: 12, character: 17 }, end: { line: 12, character: 29 } });
    assert.equal(deploy.fields.get('/spec/template/spec/containers/0')?.valueRange.start.line, 11);
    assert.equal(service.range.start.line, 15);
    assert.equal(service.fields.get('/spec/ports/0/port')?.keyRange.start.line, 21);
    assert.deepEqual((deploy.object as { spec: { replicas: number } }).spec.replicas, 3);
  });

  it('escapes JSON pointer segments in field paths', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    example.com/a~b: x\n';
    const [r] = parseManifestText(text, 'f').resources;
    assert.equal(r.fields.get('/metadata/annotations/example.com~1a~0b')?.keyRange.start.line, 5);
  });

  it('splits kind: List and *List documents into their items', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: a, namespace: x }
  - apiVersion: v1
    kind: Secret
    metadata: { name: b, namespace: x }
---
apiVersion: v1
kind: ServiceList
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: s
`;
    const { resources, errors } = parseManifestText(text, 'f');
    assert.deepEqual(errors, []);
    assert.deepEqual(resources.map((r) => r.key), ['v1/ConfigMap/x/a', 'v1/Secret/x/b', 'v1/Service//s']);
    assert.equal(resources[1].range.start.line, 6);
    assert.equal(resources[1].fields.get('/metadata/name')?.keyRange.start.line, 8);
    assert.equal(resources[2].docIndex, 1);
  });

  it('parses JSON, including a JSON List', () => {
    const text = JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }] }, null, 2);
    const { resources } = parseManifestText(text, 'f.json');
    assert.deepEqual(resources.map((r) => r.key), ['v1/ConfigMap//a']);
    assert.ok(resources[0].fields.has('/metadata/name'));
  });

  it('skips empty documents silently and non-resources with an informational error', () => {
    const text = '---\n# only a comment\n---\nfoo: bar\n---\nkind: ConfigMap\nmetadata: {}\n';
    const { resources, errors } = parseManifestText(text, 'f');
    assert.equal(resources.length, 0);
    assert.deepEqual(errors.map((e) => [e.severity, e.range?.start.line]), [
      ['info', 3],
      ['info', 5],
    ]);
    assert.match(errors[0].message, /no kind or metadata.name/);
  });

  it('reports broken YAML with a position, without throwing, and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n';
    const { resources, errors } = parseManifestText(text, '/abs/bad.yaml');
    assert.deepEqual(resources.map((r) => r.id.name), ['ok']);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].severity, 'error');
    assert.equal(errors[0].file, '/abs/bad.yaml');
    assert.match(errors[0].message, /YAML error in document 2/);
    assert.ok(errors[0].range && errors[0].range.start.line >= 8, `line ${errors[0].range?.start.line}`);
  });

  it('reports bad indentation at its line', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n';
    const { errors } = parseManifestText(text, 'f');
    assert.equal(errors.length, 1);
    // The parser points at the mapping the stray line breaks (line 3) through the stray line (4).
    assert.equal(errors[0].range?.start.line, 3);
    assert.equal(errors[0].range?.end.line, 4);
  });

  it('marks templated (Helm) text as informational instead of a YAML error', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n  x: y\n{{- end }}\n';
    const { resources, errors } = parseManifestText(text, 'f');
    assert.equal(resources.length, 0);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].severity, 'info');
    assert.match(errors[0].message, /template/);
  });

  it('resolves anchors and aliases in the object', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l { app: a }\n  annotations: *l\n';
    const [r] = parseManifestText(text, 'f').resources;
    assert.deepEqual((r.object as { metadata: { annotations: unknown } }).metadata.annotations, { app: 'a' });
  });

  // Its speed is measured by `npm run bench` (the scale case), not timed here.
  it('parses a 50k-line file and places a field of its last document', () => {
    const doc = (i: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: big\ndata:\n  a: "1"\n  b: "2"\n  c: "3"\n  d: "4"\n`;
    const text = Array.from({ length: 5000 }, (_, i) => doc(i)).join('---\n');
    assert.ok(text.split('\n').length > 50_000);
    const { resources, errors } = parseManifestText(text, 'big.yaml');
    assert.equal(errors.length, 0);
    assert.equal(resources.length, 5000);
    assert.equal(resources[4999].fields.get('/data/d')?.keyRange.start.line, 4999 * 11 + 9);
    assert.equal(resources[2500].range.start.line, 2500 * 11);
  });

  it('finds one field without collecting them all, with the same answer as the whole map (real files, SOURCES.md)', () => {
    const dir = path.resolve(__dirname, '../../../../test/fixtures/validation/real/flux2-kustomize-helm-example');
    let checked = 0;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const looked = parseManifestText(text, name).resources;
      parseManifestText(text, name).resources.forEach((r, i) => {
        const all = new Map(r.fields);
        for (const [pointer, location] of all) {
          assert.deepEqual(looked[i].fields.get(pointer), location, `${name} ${pointer}`);
          checked++;
        }
        for (const absent of ['', '/nope', '/metadata/nope', 'metadata']) assert.equal(looked[i].fields.get(absent), undefined);
        assert.equal((looked[i].fields as LazyFieldMap).shifted(3).get('/metadata/name')?.keyRange.start.line, all.get('/metadata/name')!.keyRange.start.line + 3);
      });
    }
    assert.ok(checked > 100, `${checked} fields`);
  });
});
