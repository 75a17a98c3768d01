import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { listKubectlContexts } from '../../../src/core/live/kubectlContexts';
import { LiveStateError } from '../../../src/core/live/provider';
import { loadClusterSchemas } from '../../../src/core/validation/clusterSchemas';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';
import { freePort, useRealKubectl } from './realKubectl';

describe('cluster schemas through kubectl (real kubectl, fake Kubernetes API server)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-cluster-openapi-');

  it('lists the kubeconfig contexts with the current one', async () => {
    const server = await kubectl.start();
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'fake-cluster' });
    const extra = (await fs.readFile(kubeconfig, 'utf8')).replace('contexts:\n', 'contexts:\n  - name: other\n    context:\n      cluster: fake\n      user: fake\n');
    await fs.writeFile(kubeconfig, extra);
    assert.deepEqual(await listKubectlContexts({ kubeconfig, cwd: kubectl.dir, env: kubectl.env() }), { contexts: ['fake-cluster', 'other'], current: 'fake-cluster' });
    // A relative kubeconfig resolves against cwd; no current-context is an ordinary state.
    await fs.writeFile(kubeconfig, extra.replace(/^current-context: .*$/m, ''));
    assert.deepEqual(await listKubectlContexts({ kubeconfig: 'kubeconfig', cwd: kubectl.dir, env: kubectl.env() }), { contexts: ['fake-cluster', 'other'], current: undefined });
  });

  it('reads /openapi/v2 of the chosen context into a per-context cache that validates the CRD kind', async () => {
    const server = await kubectl.start();
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'fake-cluster' });
    const steps: string[] = [];
    const cacheDir = path.join(kubectl.dir, 'cluster-schemas');
    const loaded = await loadClusterSchemas({ kubeconfig, context: 'fake-cluster', cwd: kubectl.dir, env: kubectl.env(), cacheDir, progress: (s) => steps.push(s) });
    assert.ok(server.requests.some((r) => r.startsWith('GET /openapi/v2?')), server.requests.join('\n'));
    assert.deepEqual(loaded.kinds, ['example.com/v1/Widget', 'v1/ConfigMap']);
    assert.deepEqual(loaded.crdKinds, ['example.com/v1/Widget']);
    assert.equal(path.dirname(loaded.dir), cacheDir);
    assert.match(path.basename(loaded.dir), /^fake-cluster-[0-9a-f]{8}$/);
    assert.deepEqual((await fs.readdir(loaded.dir)).sort(), ['cluster.json', 'descriptions', 'index.json']);
    assert.deepEqual(steps, ['kubectl get --raw /openapi/v2…', 'converting 7 definitions…']);
    assert.equal(loaded.kindSchemas['example.com/v1/Widget'], `${path.join(loaded.dir, 'cluster.json')}#/definitions/com.example.v1.Widget`);

    const store = new SchemaStore({ kindSchemas: loaded.kindSchemas });
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  size: 2\n  colr: red\n';
    const [d, ...rest] = (await validateText(widget, {}, store)).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d.message, 'spec: unknown field "colr" — did you mean "color"?');
    assert.equal(d.range.start.line, 5);

    // Loading again replaces the folder's content (no stale files from an older cluster).
    await fs.writeFile(path.join(loaded.dir, 'stale.json'), '{}');
    await loadClusterSchemas({ kubeconfig, context: 'fake-cluster', cwd: kubectl.dir, env: kubectl.env(), cacheDir });
    assert.deepEqual((await fs.readdir(loaded.dir)).sort(), ['cluster.json', 'descriptions', 'index.json']);
  });

  it('fails clearly when kubectl is missing, the context is unknown, the cluster unreachable or the answer is no OpenAPI', async () => {
    const cacheDir = path.join(kubectl.dir, 'cluster-schemas');
    const server = await kubectl.start({ openapi: { swagger: '2.0', definitions: {} } });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'fake-cluster' });
    const load = (o: { kubectlPath?: string; kubeconfig?: string; context: string }) => loadClusterSchemas({ kubeconfig, cwd: kubectl.dir, env: kubectl.env(), cacheDir, timeoutMs: 5_000, ...o });
    const rejects = (p: Promise<unknown>, pattern: RegExp) =>
      assert.rejects(p, (e: Error) => {
        assert.match(e.message, pattern);
        return true;
      });

    await rejects(load({ kubectlPath: path.join(kubectl.dir, 'no-kubectl'), context: 'fake-cluster' }), /kubectl not found at ".*no-kubectl" \(install kubectl or set youops\.kubectl\.path\)/);
    await rejects(load({ context: 'nope' }), /kubectl get --raw \/openapi\/v2 \(context nope\) exited with code 1:\n.*context "nope" does not exist/);
    await rejects(load({ context: 'fake-cluster' }), /kubectl get --raw \/openapi\/v2 \(context fake-cluster\) returned no OpenAPI v2 definitions/);

    const closed = await freePort();
    await fs.writeFile(kubeconfig, (await fs.readFile(kubeconfig, 'utf8')).replace(server.url, `http://127.0.0.1:${closed}`));
    const unreachable = load({ context: 'fake-cluster' });
    await rejects(unreachable, /exited with code 1:\n.*(was refused|Unable to connect)/);
    await unreachable.catch((e) => assert.ok(e instanceof LiveStateError));
    assert.deepEqual(await fs.readdir(kubectl.dir).then((l) => l.filter((f) => f.startsWith('cluster-schemas'))), [], 'nothing written on failure');
  });
});
