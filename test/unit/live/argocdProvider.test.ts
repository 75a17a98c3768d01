import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import { ArgoCdProvider } from '../../../src/core/live/argocdProvider';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import { LiveStateError } from '../../../src/core/live/provider';
import { startFakeArgoCdServer, type FakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };
const cfg = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } };

function isLiveError(pattern: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof LiveStateError, `expected LiveStateError, got ${String(e)}`);
    assert.equal(e.provider, 'argocd');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('ArgoCdProvider', () => {
  let server: FakeArgoCdServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns live objects, sync and health status, sending the bearer token (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({
      token: 'secret-token',
      apps: [{ name: 'shop', sync: 'OutOfSync', health: 'Progressing', resources: [{ live: web, target: web }, { live: null, target: cfg }] }],
    });
    const provider = new ArgoCdProvider({ server: server.url, app: 'shop', getToken: async () => 'secret-token' });
    const state = await provider.fetch({ resources: [] });
    assert.equal(provider.name, 'argocd');
    assert.deepEqual(state.objects.map((o) => o.key), ['apps/v1/Deployment/shop/web']); // cfg: liveState "null" → Missing
    assert.deepEqual(state.objects[0].object, web);
    assert.equal(state.complete, true);
    assert.deepEqual(state.summary, { sync: 'OutOfSync', health: 'Progressing' });
    assert.deepEqual(
      server.requests.map((r) => r.path).sort(),
      ['/api/v1/applications/shop', '/api/v1/applications/shop/managed-resources'],
    );
    assert.ok(server.requests.every((r) => r.authorization === 'Bearer secret-token'));
  });

  it('does not report masked Secret values as drift, but still what Argo CD shows (fake Argo CD server on 127.0.0.1)', async () => {
    const desiredText = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: db',
      '  namespace: shop',
      '  labels: { tier: db }',
      'data:',
      '  password: cGFzcw==',
      '  missing: eA==',
      'stringData:',
      '  user: admin',
      '',
    ].join('\n');
    const [desired] = parseManifestText(desiredText, 'secret.yaml').resources;
    // Live differs in the password value too: Argo CD hides that, so it cannot count either way.
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop', labels: { tier: 'cache' } }, data: { password: 'b3RoZXI=', user: 'YWRtaW4=' } };
    server = await startFakeArgoCdServer({ apps: [{ name: 'shop', resources: [{ live, target: desired.object }] }] });
    const state = await new ArgoCdProvider({ server: server.url, app: 'shop' }).fetch({ resources: [desired] });
    const [object] = state.objects;
    // What Argo CD sends: equal values share a mask length (user), different ones do not (password).
    assert.deepEqual((object.object as { data: unknown }).data, { password: '++++++++++++', user: '++++++++' });
    assert.deepEqual(object.hiddenPaths, ['/data/password', '/stringData/password', '/data/user', '/stringData/user']);
    assert.deepEqual((object.target as { data: unknown }).data, { password: '++++++++', missing: '++++++++', user: '++++++++' }); // targetState, stringData folded in

    const drift = computeEnvironmentDrift([desired], state, []);
    const fields = drift.resources[0].fields.map((f) => [f.path, f.live]);
    assert.deepEqual(fields, [
      ['/metadata/labels/tier', 'cache'],
      ['/data/missing', undefined], // absent live is known, not masked
    ]);
    assert.deepEqual(drift.resources[0].hiddenPaths, object.hiddenPaths);
    assert.ok(drift.resources[0].target);
  });

  it('asks for an app in another namespace with appNamespace on both calls (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ apps: [{ name: 'shop', namespace: 'team-a', health: 'Degraded', resources: [{ live: web }] }] });
    const state = await new ArgoCdProvider({ server: server.url, app: 'shop', appNamespace: 'team-a' }).fetch({ resources: [] });
    assert.deepEqual(state.objects.map((o) => o.id.name), ['web']);
    assert.equal(state.summary?.health, 'Degraded');
    assert.deepEqual(server.requests.map((r) => r.path).sort(), ['/api/v1/applications/shop/managed-resources?appNamespace=team-a', '/api/v1/applications/shop?appNamespace=team-a']);
    // Without it Argo CD looks in its own namespace, where there is no such app.
    await assert.rejects(new ArgoCdProvider({ server: server.url, app: 'shop', getToken: async () => 't' }).fetch({ resources: [] }), isLiveError(/no access to app "shop"/));
    await assert.rejects(
      new ArgoCdProvider({ server: server.url, app: 'shop', appNamespace: 'team-b', getToken: async () => 't' }).fetch({ resources: [] }),
      isLiveError(/no access to app "team-b\/shop"/),
    );
  });

  it('reports an expired or invalid token on 401 (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ token: 'right', apps: [{ name: 'shop', resources: [] }] });
    await assert.rejects(
      new ArgoCdProvider({ server: server.url, app: 'shop', getToken: async () => 'wrong' }).fetch({ resources: [] }),
      isLiveError(/rejected the token \(HTTP 401\): token expired or invalid.*token is expired/),
    );
    await assert.rejects(new ArgoCdProvider({ server: server.url, app: 'shop' }).fetch({ resources: [] }), isLiveError(/needs a token \(HTTP 401\): none is set/));
  });

  it('explains a 403 for an unknown app or a token without access (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ apps: [{ name: 'shop', resources: [] }] });
    await assert.rejects(
      new ArgoCdProvider({ server: server.url, app: 'nope', getToken: async () => 't' }).fetch({ resources: [] }),
      isLiveError(/HTTP 403.*no access to app "nope"/),
    );
  });

  it('reports server errors with their message (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ failWith: 500, apps: [] });
    await assert.rejects(new ArgoCdProvider({ server: server.url, app: 'shop' }).fetch({ resources: [] }), isLiveError(/answered HTTP 500: injected failure/));
  });

  it('times out instead of hanging (fake Argo CD server on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ delayMs: 5_000, apps: [{ name: 'shop', resources: [] }] });
    const started = Date.now();
    await assert.rejects(new ArgoCdProvider({ server: server.url, app: 'shop', timeoutMs: 300 }).fetch({ resources: [] }), isLiveError(/did not answer: no answer within 0.3s/));
    assert.ok(Date.now() - started < 3_000);
  });

  it('reports an unreachable server clearly', async () => {
    // A port that was free a moment ago: connection refused.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await assert.rejects(
      new ArgoCdProvider({ server: `http://127.0.0.1:${port}`, app: 'shop' }).fetch({ resources: [] }),
      isLiveError(new RegExp(`Argo CD at http://127.0.0.1:${port} is unreachable: connection refused`)),
    );
  });

  it('refuses a self-signed certificate unless insecure is set (fake Argo CD server with TLS on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ tls: true, apps: [{ name: 'shop', resources: [{ live: cfg }] }] });
    await assert.rejects(new ArgoCdProvider({ server: server.url, app: 'shop' }).fetch({ resources: [] }), isLiveError(/TLS certificate not trusted/));
    const state = await new ArgoCdProvider({ server: server.url, app: 'shop', insecure: true }).fetch({ resources: [] });
    assert.deepEqual(state.objects.map((o) => o.id.name), ['cfg']);
  });

  it('treats a bare host:port as https (fake Argo CD server with TLS on 127.0.0.1)', async () => {
    server = await startFakeArgoCdServer({ tls: true, apps: [{ name: 'shop', resources: [{ live: cfg }] }] });
    const hostPort = server.url.replace('https://', '');
    const state = await new ArgoCdProvider({ server: hostPort, app: 'shop', insecure: true }).fetch({ resources: [] });
    assert.equal(state.objects.length, 1);
  });

  it('rejects an invalid server URL or a missing app up front', () => {
    assert.throws(() => new ArgoCdProvider({ server: 'http://exa mple.com', app: 'shop' }), isLiveError(/is not a valid URL/));
    assert.throws(() => new ArgoCdProvider({ server: 'https://argocd', app: '' }), isLiveError(/names no app/));
  });
});
