import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { offlineFetcher } from '../../../src/core/validation/schemaFetcher';
import { validateText } from '../../../src/core/validation/validateText';
import { diagnosticsOf, FIXTURES, summary } from './helpers';

const WIDGET_SCHEMA = path.join(FIXTURES, 'custom', 'widget.schema.json');
const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: "3"\n';

describe('validation: schema selection', () => {
  it('reports an unknown kind as information, or with the configured severity, or not at all', async () => {
    const [d] = await diagnosticsOf(WIDGET);
    assert.equal(d.severity, 'information');
    assert.equal(d.code, 'unknown-kind');
    assert.equal(d.message, 'no schema for example.com/v1/Widget; not validated (read CRDs from the cluster or add a schema association)');
    assert.equal(d.range.start.line, 1);
    assert.equal((await diagnosticsOf(WIDGET, { unknownKindSeverity: 'error' }))[0].severity, 'error');
    assert.deepEqual(await diagnosticsOf(WIDGET, { unknownKindSeverity: 'ignore' }), []);
  });

  it('ignores YAML that is not a manifest (no apiVersion, no kind)', async () => {
    assert.deepEqual(await diagnosticsOf('replicaCount: 2\nimage: {tag: x}\n'), []);
  });

  it('uses a modeline schema, relative to the file', async () => {
    const text = `# yaml-language-server: $schema=../custom/widget.schema.json\n${WIDGET}`;
    const diags = await diagnosticsOf(text, { fileName: path.join(FIXTURES, 'bad', 'w.yaml') });
    assert.deepEqual(summary(diags), [[5, 'spec.size: expected integer, got string "3"']]);
  });

  it('uses associations (glob relative to baseDir, or a bare file-name glob)', async () => {
    const association = { files: 'custom/*.yaml', schema: 'custom/widget.schema.json', baseDir: FIXTURES };
    const fileName = path.join(FIXTURES, 'custom', 'widget.yaml');
    assert.deepEqual(summary(await diagnosticsOf(WIDGET, { fileName, associations: [association] })), [[4, 'spec.size: expected integer, got string "3"']]);
    const bare = { files: '*.widget.yaml', schema: WIDGET_SCHEMA, baseDir: '/elsewhere' };
    assert.equal((await diagnosticsOf(WIDGET, { fileName: '/any/dir/a.widget.yaml', associations: [bare] })).length, 1);
    assert.equal((await diagnosticsOf(WIDGET, { fileName: '/any/dir/a.yaml', associations: [bare] }))[0].code, 'unknown-kind');
  });

  it('gives one clear diagnostic for a broken association, not one per document', async () => {
    const association = { files: '*.yaml', schema: 'missing.schema.json', baseDir: FIXTURES };
    const text = Array.from({ length: 20 }, () => WIDGET).join('---\n');
    const diags = await diagnosticsOf(text, { fileName: '/x/a.yaml', associations: [association] });
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'schema-load');
    assert.match(diags[0].message, /^schema .*missing\.schema\.json could not be used: ENOENT/);
  });

  it('reports a broken modeline schema on the modeline', async () => {
    const text = `# yaml-language-server: $schema=./nope.json\n${WIDGET}`;
    const [d, ...rest] = await diagnosticsOf(text, { fileName: '/tmp/x.yaml' });
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'schema-load');
    assert.deepEqual(d.range, { start: { line: 0, character: 32 }, end: { line: 0, character: 43 } });
  });

  it('fetches URL schemas once through the injected fetcher and then works offline from the cache', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-schemas-'));
    const fetched: string[] = [];
    const url = 'https://schemas.example.com/widget.json';
    const online = new SchemaStore({ cacheDir, fetcher: async (u) => (fetched.push(u), fs.readFileSync(WIDGET_SCHEMA, 'utf8')) });
    const text = `# yaml-language-server: $schema=${url}\n${WIDGET}`;
    const first = await validateText(text, {}, online);
    assert.deepEqual(summary(first.diagnostics), [[5, 'spec.size: expected integer, got string "3"']]);
    assert.deepEqual(fetched, [url]);
    const offline = new SchemaStore({ cacheDir, fetcher: offlineFetcher });
    assert.deepEqual(summary((await validateText(text, {}, offline)).diagnostics), summary(first.diagnostics));
    const noCache = new SchemaStore({ cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'youops-empty-')), fetcher: offlineFetcher });
    const [d] = (await validateText(text, {}, noCache)).diagnostics;
    assert.match(d.message, /could not be used: not in the schema cache and fetching is disabled/);
  });

  it('lets kindSchemas (e.g. CRDs read from a cluster) supply schemas for extra kinds', async () => {
    const store = new SchemaStore({ kindSchemas: { 'example.com/v1/Widget': WIDGET_SCHEMA } });
    assert.deepEqual(summary((await validateText(WIDGET, {}, store)).diagnostics), [[4, 'spec.size: expected integer, got string "3"']]);
  });

  it('selects kustomize.config.k8s.io kinds by apiVersion/kind in any file', async () => {
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresource: [a.yaml]\n';
    assert.deepEqual(summary(await diagnosticsOf(text)), [[2, 'unknown field "resource" — did you mean "resources"?']]);
  });

  it('does not treat .github/ISSUE_TEMPLATE/config.yml as an issue form', async () => {
    assert.deepEqual(await diagnosticsOf('blank_issues_enabled: false\n', { fileName: '/r/.github/ISSUE_TEMPLATE/config.yml' }), []);
  });
});
