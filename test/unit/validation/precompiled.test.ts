import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configValidator, PRECOMPILED_CONFIG } from '../../../src/core/config/configSchema';
import { describeSchemaErrors } from '../../../src/core/config/schemaErrorMessage';
import { standaloneValidators } from '../../../src/core/validation/precompileValidators';
import { SchemaStore, findSchemasDir } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';
import { FIXTURES } from './helpers';

/** A real Deployment (SOURCES.md: fluxcd/flux2-kustomize-helm-example) with two mistakes added. */
const DEPLOYMENT = fs
  .readFileSync(path.join(FIXTURES, 'real', 'flux2-kustomize-helm-example', 'db.yaml'), 'utf8')
  .replace('replicas: 1', 'replicas: three')
  .replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          portz: []');

describe('precompiled validators (ajv standalone code built with the extension)', () => {
  const schemasDir = findSchemasDir(__dirname);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-precompiled-'));
    const { manifest, modules } = standaloneValidators(schemasDir, (id) => id === 'kind:apps/v1/Deployment' || id === 'builtin:kustomization');
    for (const [rel, code] of Object.entries(modules)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), code);
    }
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are used for shipped kinds and give the same findings as validators compiled at run time', async () => {
    const pre = new SchemaStore({ schemasDir, validatorsDir: dir });
    const runtime = new SchemaStore({ schemasDir, validatorsDir: path.join(dir, 'none') });
    const a = await validateText(DEPLOYMENT, { fileName: 'web.yaml' }, pre);
    const b = await validateText(DEPLOYMENT, { fileName: 'web.yaml' }, runtime);
    assert.deepEqual(a.diagnostics.map((d) => d.path), ['/spec/replicas', '/spec/template/spec/containers/0/portz']);
    assert.deepEqual(a.diagnostics, b.diagnostics);
    // The precompiled function is the generated module's, not one ajv compiled now.
    const fromModule = loadGenerated(path.join(dir, 'kubernetes', 'apps_v1_Deployment.js')).validate;
    assert.equal(pre.getSync('kind:apps/v1/Deployment')?.validate, fromModule);
    assert.notEqual(runtime.getSync('kind:apps/v1/Deployment')?.validate, fromModule);
  });

  it('are ignored when the schema file changed since the build (compiled at run time instead)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const staleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-precompiled-stale-'));
    fs.cpSync(dir, staleDir, { recursive: true });
    fs.writeFileSync(path.join(staleDir, 'manifest.json'), JSON.stringify({ ...manifest, sources: { ...manifest.sources, kubernetes: 'not-this-file' } }));
    const store = new SchemaStore({ schemasDir, validatorsDir: staleDir });
    const fromModule = loadGenerated(path.join(staleDir, 'kubernetes', 'apps_v1_Deployment.js')).validate;
    const compiled = store.getSync('kind:apps/v1/Deployment');
    assert.ok(compiled?.validate);
    assert.notEqual(compiled.validate, fromModule);
    // The kustomization schema did not change: still precompiled.
    assert.equal(store.getSync('builtin:kustomization')?.validate, loadGenerated(path.join(staleDir, 'builtin', 'kustomization.js')).validate);
    fs.rmSync(staleDir, { recursive: true, force: true });
  });

  it("precompile youops.yaml's validator too: the same errors as ajv compiling the schema, and a stale build is not used", () => {
    // Inside the repository, so the generated code finds ajv's runtime helpers as the bundled module has them inlined.
    const configDir = fs.mkdtempSync(path.join(__dirname, 'config-validator-'));
    try {
      for (const [rel, code] of Object.entries(standaloneValidators(schemasDir, (id) => id === 'config:youops').modules)) {
        fs.mkdirSync(path.dirname(path.join(configDir, rel)), { recursive: true });
        fs.writeFileSync(path.join(configDir, rel), code);
      }
      const pre = configValidator(configDir);
      const runtime = configValidator(path.join(configDir, 'none'));
      assert.equal(pre, loadGenerated(path.join(configDir, PRECOMPILED_CONFIG.module)).validate);
      assert.notEqual(runtime, pre);
      const broken = {
        version: 1,
        environments: [{ name: 'prod', manifest: 'envs/prod', live: { argocd: { server: 'argocd.example.com', application: 'shop' } } }],
        chatops: { bot: { url: 'not a url' } },
      };
      assert.equal(pre(broken), false);
      assert.equal(runtime(broken), false);
      assert.ok(pre.errors!.some((e) => e.keyword === 'format') && pre.errors!.some((e) => e.keyword === 'additionalProperties'));
      assert.deepEqual(describeSchemaErrors(pre.errors!), describeSchemaErrors(runtime.errors!));
      const good = { version: 1, environments: [{ name: 'prod', manifests: 'envs/prod', live: { argocd: { server: 'https://argocd.example.com', application: 'shop' } } }] };
      assert.equal(pre(good), runtime(good));
      // Built from another schema: compiled now instead.
      fs.writeFileSync(path.join(configDir, PRECOMPILED_CONFIG.schemaText), '{"type":"object"}');
      assert.notEqual(configValidator(configDir), loadGenerated(path.join(configDir, PRECOMPILED_CONFIG.module)).validate);
    } finally {
      fs.rmSync(configDir, { recursive: true, force: true });
    }
  });
});

/** A generated validator module, loaded by path as the schema store loads it. */
function loadGenerated(file: string): { validate: unknown } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated code, found by path at run time
  return require(file) as { validate: unknown };
}
