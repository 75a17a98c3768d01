import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clusterSchemaDir, convertClusterOpenApi } from '../../../src/core/validation/clusterSchemas';
import { describeAt } from '../../../src/core/validation/descriptions';
import { isCrdDefinition, SchemaConverter, writeGeneratedSchemas } from '../../../src/core/validation/openapiToSchemas';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';
import { FAKE_OPENAPI_V2 } from '../../fake-servers/fakeOpenApi';
import { summary } from './helpers';

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
spec:
  size: 3
  colour: red
  port: http
  extra: { anything: [1, 2] }
`;

/** The fake cluster's document converted and written the way loadClusterSchemas does, plus a store using it. */
function clusterStore(): { store: SchemaStore; dir: string; kindSchemas: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cluster-schemas-'));
  const { schemas } = convertClusterOpenApi(FAKE_OPENAPI_V2, 'https://youops.dev/schemas/cluster/test/');
  writeGeneratedSchemas(dir, schemas);
  const kindSchemas = Object.fromEntries(Object.entries(schemas.kinds).map(([k, e]) => [k, `${path.join(dir, 'cluster.json')}#/definitions/${e.def}`]));
  return { store: new SchemaStore({ kindSchemas }), dir, kindSchemas };
}

describe('validation: schemas from a cluster OpenAPI v2 document', () => {
  it('turns every kind, CRDs included, into strict schemas (Lists left out)', () => {
    const { schemas, crdKinds } = convertClusterOpenApi(FAKE_OPENAPI_V2, 'https://x/');
    assert.deepEqual(Object.keys(schemas.kinds), ['example.com/v1/Widget', 'v1/ConfigMap']);
    assert.deepEqual(crdKinds, ['example.com/v1/Widget']);
    const defs = schemas.files.cluster.definitions;
    const widget = defs['com.example.v1.Widget'];
    assert.deepEqual(widget.properties.apiVersion, { enum: ['example.com/v1'] });
    assert.deepEqual(widget.properties.kind, { enum: ['Widget'] });
    assert.deepEqual(widget.required, ['apiVersion', 'kind', 'spec']);
    assert.equal(widget.additionalProperties, false);
    assert.deepEqual(widget.properties.status, { type: ['object', 'null'] });
    const spec = widget.properties.spec;
    assert.equal(spec.additionalProperties, false);
    assert.deepEqual(spec.properties.port.type, ['integer', 'string', 'null']);
    assert.deepEqual(spec.properties.extra, { type: ['object', 'null'] }, 'x-kubernetes-preserve-unknown-fields stays open');
    assert.ok(!JSON.stringify(defs).includes('"description"'), 'descriptions live apart');
    assert.equal(schemas.descriptions.cluster['com.example.v1.Widget']['/properties/spec/properties/size'], 'How many sprockets the widget has.');
  });

  it('uses the exact conversion of the shipped CRD schemas (one implementation)', () => {
    // A CRD's openAPIV3Schema through addCrd (shipped path) and the same schema published in a
    // cluster document through addOpenApi (cluster path) give the same root definition.
    const crdSchema = FAKE_OPENAPI_V2.definitions['com.example.v1.Widget'];
    const shipped = new SchemaConverter();
    shipped.addOpenApi(FAKE_OPENAPI_V2, 'kubernetes');
    shipped.addCrd({ ...crdSchema, 'x-kubernetes-group-version-kind': undefined }, { group: 'example.com', version: 'v1', kind: 'Widget' }, 'widget');
    const fromCrd = shipped.result().files.widget.definitions['example.com.v1.Widget'];
    const fromCluster = convertClusterOpenApi(FAKE_OPENAPI_V2, 'https://x/').schemas.files.cluster.definitions['com.example.v1.Widget'];
    assert.deepEqual(fromCluster, fromCrd);
  });

  it('tells CRD definitions from built-in ones by the apiextensions naming', () => {
    assert.equal(isCrdDefinition('com.example.v1.Widget', { group: 'example.com', version: 'v1', kind: 'Widget' }), true);
    assert.equal(isCrdDefinition('io.k8s.storage.snapshot.v1.VolumeSnapshot', { group: 'snapshot.storage.k8s.io', version: 'v1', kind: 'VolumeSnapshot' }), true);
    assert.equal(isCrdDefinition('io.k8s.api.apps.v1.Deployment', { group: 'apps', version: 'v1', kind: 'Deployment' }), false);
    assert.equal(isCrdDefinition('io.k8s.api.core.v1.Pod', { group: '', version: 'v1', kind: 'Pod' }), false);
  });

  it('validates a CRD kind through kindSchemas pointing into the written file', async () => {
    const { store, dir } = clusterStore();
    try {
      const result = await validateText(WIDGET, { fileName: '/w/widget.yaml' }, store);
      assert.deepEqual(summary(result.diagnostics), [[5, 'spec: unknown field "colour" — did you mean "color"?']]);
      const wrongType = await validateText(WIDGET.replace('size: 3', 'size: three').replace('colour', 'color'), {}, store);
      assert.deepEqual(summary(wrongType.diagnostics), [[4, 'spec.size: expected integer, got string "three"']]);
      const noSpec = await validateText('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, nme: x }\n', {}, store);
      assert.deepEqual(summary(noSpec.diagnostics).map(([, m]) => m).sort(), ['example.com/v1/Widget: missing required field "spec"', 'metadata: unknown field "nme" — did you mean "name"?'].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets cluster schemas win over shipped ones, and hovers read their descriptions', async () => {
    const { store, dir, kindSchemas } = clusterStore();
    try {
      // The fake cluster's ConfigMap has no binaryData: the cluster's exact version is what validates.
      const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\nbinaryData: { a: b }\n';
      assert.deepEqual(summary((await validateText(cm, {}, store)).diagnostics), [[3, 'unknown field "binaryData"']]);
      assert.deepEqual((await validateText(cm)).diagnostics, [], 'shipped schema accepts it');
      const id = store.kindSchemaId('example.com/v1', 'Widget')!;
      assert.equal(id, `file:${kindSchemas['example.com/v1/Widget']}`);
      assert.deepEqual(describeAt(id, '/spec/size', store), { description: 'How many sprockets the widget has.', type: 'integer' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing definition or file once, as a schema load error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-cluster-schemas-'));
    try {
      fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ definitions: {} }));
      const store = new SchemaStore({ kindSchemas: { 'example.com/v1/Widget': `${path.join(dir, 'c.json')}#/definitions/nope`, 'example.com/v1/Gadget': `${path.join(dir, 'gone.json')}#/definitions/x` } });
      const [d] = (await validateText(WIDGET, {}, store)).diagnostics;
      assert.match(d.message, /could not be used: \/definitions\/nope not found in .*c\.json/);
      const [g] = (await validateText(WIDGET.replace('Widget', 'Gadget'), {}, store)).diagnostics;
      assert.match(g.message, /could not be used: .*ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names cache folders per context, readable and without collisions', () => {
    const a = clusterSchemaDir('/c', 'arn:aws:eks:eu-west-1:1:cluster/shop');
    const b = clusterSchemaDir('/c', 'arn_aws_eks_eu-west-1_1_cluster_shop');
    assert.match(a, /^\/c\/arn_aws_eks_eu-west-1_1_cluster_shop-[0-9a-f]{8}$/);
    assert.notEqual(a, b);
  });
});
