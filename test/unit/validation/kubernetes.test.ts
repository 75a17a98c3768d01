import * as assert from 'node:assert/strict';
import { covered, diagnosticsOf, summary } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: null
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:1.0
          ports:
            - containerPort: 8080
          resources:
            limits: {cpu: 1, memory: 256Mi}
            requests: {cpu: 100m, memory: 128Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
          readinessProbe:
            tcpSocket: {port: 8080}
`;

describe('validation: Kubernetes kinds', () => {
  it('accepts a valid Deployment (int-or-string ports, number and string quantities, null for optional fields)', async () => {
    assert.deepEqual(await diagnosticsOf(DEPLOYMENT), []);
  });

  it('reports a wrong type on the value with a readable message', async () => {
    const text = DEPLOYMENT.replace('replicas: 3', 'replicas: three');
    const [d, ...rest] = await diagnosticsOf(text);
    assert.deepEqual(rest, []);
    assert.equal(d.message, 'spec.replicas: expected integer, got string "three"');
    assert.equal(d.path, '/spec/replicas');
    assert.equal(d.severity, 'error');
    assert.equal(d.source, 'youops');
    assert.equal(d.code, 'type');
    assert.deepEqual(d.range, { start: { line: 6, character: 12 }, end: { line: 6, character: 17 } });
    assert.equal(d.data, undefined);
  });

  it('reports an unknown field on the key, with a did-you-mean rename fix', async () => {
    const text = DEPLOYMENT.replace('replicas: 3', 'replica: 3');
    const [d] = await diagnosticsOf(text);
    assert.equal(d.message, 'spec: unknown field "replica" — did you mean "replicas"?');
    assert.equal(covered(text, d), 'replica');
    assert.equal(d.path, '/spec/replica');
    assert.deepEqual(d.data, { title: 'Rename to "replicas"', replacement: 'replicas' });
  });

  it('offers to unquote a quoted number where an integer is expected', async () => {
    const text = DEPLOYMENT.replace('containerPort: 8080', 'containerPort: "8080"');
    const [d] = await diagnosticsOf(text);
    assert.equal(d.message, 'spec.template.spec.containers[0].ports[0].containerPort: expected integer, got string "8080"');
    assert.equal(covered(text, d), '"8080"');
    assert.deepEqual(d.data, { title: 'Convert "8080" to a number', replacement: '8080' });
  });

  it('offers to quote a number where a string is expected', async () => {
    const text = DEPLOYMENT.replace('image: shop/web:1.0', 'image: 1.10');
    const [d] = await diagnosticsOf(text);
    assert.match(d.message, /image: expected string, got number 1\.1$/);
    assert.deepEqual(d.data, { title: 'Quote the value', replacement: '"1.10"' });
  });

  it('puts missing required fields on the parent key', async () => {
    const text = DEPLOYMENT.replace('        - name: web\n', '        - nam: web\n');
    const diags = await diagnosticsOf(text);
    assert.deepEqual(summary(diags).map(([, m]) => m).sort(), [
      'spec.template.spec.containers[0]: missing required field "name"',
      'spec.template.spec.containers[0]: unknown field "nam" — did you mean "name"?',
    ]);
    assert.ok(diags.every((d) => d.range.start.line === 14));
  });

  it('rejects null for required fields and unknown fields at the top level', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\nstatus: {}\nextra: 1\n`;
    assert.deepEqual(summary(await diagnosticsOf(text)), [
      [6, 'unknown field "status"'],
      [7, 'unknown field "extra"'],
    ]);
    const pvc = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: null\n`;
    assert.deepEqual(summary(await diagnosticsOf(pvc)), [[4, 'spec.containers: expected list, got null']]);
  });

  it('rejects non-quantity types for quantities and non int-or-string for ports', async () => {
    const text = DEPLOYMENT.replace('cpu: 1,', 'cpu: [1],').replace('port: http}', 'port: {a: 1}}');
    const msgs = summary(await diagnosticsOf(text)).map(([, m]) => m);
    assert.ok(msgs.includes('spec.template.spec.containers[0].resources.limits.cpu: expected string or number, got a list'), msgs.join('\n'));
    assert.ok(msgs.includes('spec.template.spec.containers[0].livenessProbe.httpGet.port: expected integer or string, got a mapping'), msgs.join('\n'));
  });

  it('keeps fields under x-kubernetes-preserve-unknown-fields open', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
    assert.deepEqual(await diagnosticsOf(crd), []);
  });

  it('picks the schema per document in a multi-document file', async () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: "80"}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\nspec: {}\n`;
    assert.deepEqual(summary(await diagnosticsOf(text)), [
      [4, 'spec.ports[0].port: expected integer, got string "80"'],
      [10, 'unknown field "spec"'],
    ]);
  });

  it('validates the items of kind: List by their own kinds', async () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c}\n    dta: {}\n`;
    const [d] = await diagnosticsOf(text);
    assert.equal(d.message, 'items[0]: unknown field "dta" — did you mean "data"?');
    assert.equal(d.range.start.line, 6);
    assert.equal(d.path, '/items/0/dta');
  });

  it('caps the findings of one document', async () => {
    const fields = Array.from({ length: 30 }, (_, i) => `  bogus${i}: 1`).join('\n');
    const diags = await diagnosticsOf(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n${fields}\n`, { maxDiagnosticsPerDocument: 10 });
    assert.equal(diags.length, 11);
    assert.equal(diags[10].message, '20 more problems in this document not shown');
  });
});
