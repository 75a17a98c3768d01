import * as assert from 'node:assert/strict';
import { describeAgentStatus, type ArgoAppStatus } from '../../../src/core/agent/agentStatus';
import { ArgoCdAppClient } from '../../../src/core/argocd/argoCdClient';
import { runArgoSync } from '../../../src/core/argocd/argoCdSync';
import { ArgoCdProvider } from '../../../src/core/live/argocdProvider';
import { FAKE_ARGO_REVISION, startFakeArgoCdServer, type FakeArgoApp, type FakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';

const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };
const NEXT = 'fedcba9876543210fedcba9876543210fedcba98';

/**
 * Shapes as the Argo CD API answers them: status.sync {status, revision}, status.health,
 * status.operationState {phase Running|Succeeded|Failed|Error, message, startedAt,
 * finishedAt, syncResult.revision}, spec.source.chart for Helm repositories; POST
 * /api/v1/applications/{name}/sync with an ApplicationSyncRequest body.
 */
describe('Argo CD: synced revision, last operation and Sync now (fake Argo CD server on 127.0.0.1)', function () {
  this.timeout(20_000);
  let server: FakeArgoCdServer | undefined;
  let asked = 0;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(app: Partial<FakeArgoApp>): Promise<ArgoCdAppClient> {
    server = await startFakeArgoCdServer({ token: 'tkn', apps: [{ name: 'shop', resources: [{ live: web, target: web }], ...app }] });
    asked = 0;
    return new ArgoCdAppClient({ server: server.url, app: 'shop', getToken: async () => (asked++, 'tkn') });
  }

  it('reads the synced revision as a commit and the last operation’s phase', async () => {
    const failed = { phase: 'Failed', message: 'one or more objects failed to apply, reason: Deployment.apps "web" is invalid', startedAt: '2025-05-01T10:00:00Z', finishedAt: '2025-05-01T10:00:05Z', syncResult: { revision: FAKE_ARGO_REVISION } };
    await start({ sync: 'OutOfSync', health: 'Degraded', operationState: failed, targetRevision: 'main' });
    const state = await new ArgoCdProvider({ server: server!.url, app: 'shop', getToken: async () => 'tkn' }).fetch({ resources: [] });
    const agent = state.agent as ArgoAppStatus;
    assert.deepEqual([agent.sync, agent.health, agent.syncedRevision, agent.targetRevision, agent.operation?.phase], ['OutOfSync', 'Degraded', FAKE_ARGO_REVISION, 'main', 'Failed']);
    assert.equal(describeAgentStatus(agent), 'OutOfSync · Degraded · abc1230 · last sync Failed: one or more objects failed to apply, reason: Deployment.apps "web" is invalid');
    assert.deepEqual(state.revision, { text: FAKE_ARGO_REVISION, from: 'Argo CD application shop', commit: FAKE_ARGO_REVISION });
    assert.deepEqual(state.summary, { sync: 'OutOfSync', health: 'Degraded' });
  });

  it('keeps a Helm repository source’s revision as a chart version, not a commit', async () => {
    await start({ chart: 'podinfo', revision: '6.5.3' });
    const revision = await new ArgoCdProvider({ server: server!.url, app: 'shop', getToken: async () => 'tkn' }).deployedRevision();
    assert.deepEqual(revision, { text: '6.5.3', from: 'Argo CD application shop' });
  });

  it('syncs through the sync endpoint and waits for the new operation to succeed', async () => {
    const client = await start({ sync: 'OutOfSync', syncOutcome: { phase: 'Succeeded', revision: NEXT, delayMs: 300 } });
    const progress: string[] = [];
    const outcome = await runArgoSync(client, { app: 'shop', pollMs: 100, timeoutMs: 5_000, onProgress: (p) => progress.push(p.message) });
    assert.equal(outcome.status, 'success', outcome.message);
    assert.equal(outcome.message, `Argo CD application shop synced to ${NEXT.slice(0, 7)} (Synced · Healthy)`);
    const post = server!.requests.find((r) => r.method === 'POST');
    assert.equal(post?.path, '/api/v1/applications/shop/sync');
    assert.deepEqual(post?.body, { name: 'shop', prune: false });
    assert.equal(post?.authorization, 'Bearer tkn');
    assert.ok(progress.includes('Sync Running: one or more tasks are running'), progress.join('\n'));
    assert.equal((outcome.agent as ArgoAppStatus).syncedRevision, NEXT);
    assert.equal(asked, 1, 'the token is asked for once per sync, however often it polls');
  });

  it('reports a failed sync, refuses while an operation runs, and times out when Argo CD never finishes', async () => {
    const failing = await start({ syncOutcome: { phase: 'Failed', message: 'ComparisonError: rpc error: code = Unknown desc = authentication required', delayMs: 50 } });
    const failed = await runArgoSync(failing, { app: 'shop', pollMs: 50, timeoutMs: 5_000 });
    assert.equal(failed.status, 'failure');
    assert.equal(failed.message, 'Argo CD application shop: sync Failed: ComparisonError: rpc error: code = Unknown desc = authentication required');
    await server!.close();

    const busy = await start({ operationState: { phase: 'Running', message: 'waiting for healthy state of apps/Deployment/web', startedAt: '2025-05-01T10:00:00Z' } });
    const refused = await runArgoSync(busy, { app: 'shop' });
    assert.deepEqual([refused.status, refused.delivery], ['error', 'not-sent']);
    assert.match(refused.message, /is already running an operation \(Running: waiting for healthy state of apps\/Deployment\/web\)/);
    assert.ok(!server!.requests.some((r) => r.method === 'POST'));
    await server!.close();

    const stuck = await start({ syncOutcome: 'never' });
    const timeout = await runArgoSync(stuck, { app: 'shop', pollMs: 50, timeoutMs: 500 });
    assert.deepEqual([timeout.status, timeout.delivery, timeout.message], ['timeout', 'sent', 'Argo CD application shop: sync still Running after 500ms']);
  });

  it('says so when the token is missing, without sending the sync', async () => {
    server = await startFakeArgoCdServer({ token: 'tkn', apps: [{ name: 'shop', resources: [] }] });
    const outcome = await runArgoSync(new ArgoCdAppClient({ server: server.url, app: 'shop' }), { app: 'shop' });
    assert.deepEqual([outcome.status, outcome.delivery], ['error', 'not-sent']);
    assert.match(outcome.message, /needs a token \(HTTP 401\): none is set/);
    assert.ok(!server.requests.some((r) => r.method === 'POST'));
  });
});
