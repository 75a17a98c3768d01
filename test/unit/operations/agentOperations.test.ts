import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AuditLog } from '../../../src/core/chatops/auditLog';
import { formatAuditLog } from '../../../src/core/chatops/formatAuditLog';
import type { EnvironmentConfig } from '../../../src/core/config/types';
import { AgentOperationRunner, agentOperationsFor, describeAgentOperation, type AgentOperationDeps } from '../../../src/core/operations/agentOperations';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { FLUX_RESOURCES, fakeFluxController, fluxKustomization } from '../../fake-servers/fakeFlux';
import { startFakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';
import { useRealKubectl } from '../live/realKubectl';

const NEW = 'main@sha1:2222222222222222222222222222222222222222';
const RECONCILE = { channel: 'flux' as const, action: 'reconcile' as const, withSource: false };

describe('agent operations: trusted only, confirmed on protected environments, audited like ChatOps sends (real kubectl, fake Kubernetes and Argo CD servers on 127.0.0.1)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-agentop-');

  async function setup(overrides: Partial<AgentOperationDeps> = {}) {
    const server = await kubectl.start({ objects: [fluxKustomization({ name: 'prod', revision: 'main@sha1:1111111111111111111111111111111111111111', inventory: [] })], extraResources: FLUX_RESOURCES, onWrite: fakeFluxController(() => ({ outcome: 'ready', revision: NEW })) });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'kind-prod' });
    const env = (protectedEnv: boolean): EnvironmentConfig => ({ name: 'prod', manifests: ['envs/prod'], protected: protectedEnv, live: { provider: 'flux', kind: 'Kustomization', name: 'prod', kubeconfig: path.basename(kubeconfig) } });
    const audit = overrides.audit ?? new AuditLog(path.join(kubectl.dir, 'audit', 'agent-audit.jsonl'));
    const questions: string[] = [];
    let answer = true;
    const runner = new AgentOperationRunner({
      rootDir: kubectl.dir,
      processEnv: kubectl.env(),
      audit,
      user: 'dev@example.com',
      isTrusted: () => true,
      confirm: async (q) => (questions.push(q), answer),
      ...overrides,
    });
    return { server, env, audit, runner, questions, decline: () => (answer = false) };
  }

  it('asks before acting on a protected environment, writes send then result to the audit log, reports progress', async () => {
    const { server, env, audit, runner, questions } = await setup();
    const progress: string[] = [];
    const outcome = await runner.run({ operation: 'reconcile', channel: RECONCILE, env: env(true), pollMs: 100 }, (p) => progress.push(p.message));
    assert.equal(outcome.status, 'success', outcome.message);
    assert.deepEqual(questions, ['Reconcile Kustomization flux-system/prod? prod is protected.']);
    assert.ok(progress.some((m) => m.startsWith('Requested a reconciliation of Kustomization flux-system/prod')), progress.join('\n'));
    const records = await audit.records();
    assert.deepEqual(records.map((r) => r.type), ['send', 'result']);
    const [send, result] = records as unknown as [Record<string, unknown>, Record<string, unknown>];
    assert.deepEqual(
      { via: send.via, by: send.by, command: send.command, env: send.env, destination: send.destination, text: send.text },
      { via: 'flux', by: 'dev@example.com', command: 'reconcile', env: 'prod', destination: 'Kustomization flux-system/prod', text: 'flux reconcile kustomization prod --namespace flux-system' },
    );
    assert.deepEqual([result.id, result.status, result.delivery], [send.id, 'success', 'sent']);
    assert.match(formatAuditLog(await audit.entries(), audit.file), /dev@example\.com → Kustomization flux-system\/prod \[prod\]\n {2}sent: flux reconcile kustomization prod --namespace flux-system\n {2}outcome: ✓ success/);
    assert.equal(server.patches.length, 1);
  });

  it('sends nothing and logs nothing when the confirmation is declined or the workspace is untrusted', async () => {
    const declined = await setup();
    declined.decline();
    const cancelled = await declined.runner.run({ operation: 'reconcile', channel: RECONCILE, env: declined.env(true) });
    assert.deepEqual([cancelled.status, cancelled.delivery, cancelled.message], ['cancelled', 'not-sent', 'Reconcile Kustomization flux-system/prod: cancelled, nothing was sent']);
    assert.deepEqual(await declined.audit.records(), []);
    assert.equal(declined.server.patches.length, 0);
    assert.ok(!declined.server.requests.length, 'not even a read before the confirmation');

    const untrusted = await setup({ isTrusted: () => false });
    const refused = await untrusted.runner.run({ operation: 'reconcile', channel: RECONCILE, env: untrusted.env(false) });
    assert.deepEqual([refused.status, refused.message], ['refused', 'this workspace is not trusted: YouOps changes nothing from it']);
    assert.deepEqual(untrusted.questions, []);
    assert.deepEqual(await untrusted.audit.records(), []);
    assert.equal(untrusted.server.requests.length, 0);
  });

  it('sends nothing when the audit log cannot be written', async () => {
    const blocker = path.join(kubectl.dir, 'not-a-folder');
    await fs.writeFile(blocker, 'a file where the log folder should be');
    const { server, env, runner } = await setup({ audit: new AuditLog(path.join(blocker, 'audit.jsonl')) });
    const outcome = await runner.run({ operation: 'reconcile', channel: RECONCILE, env: env(false) });
    assert.deepEqual([outcome.status, outcome.delivery], ['error', 'not-sent']);
    assert.match(outcome.message, /^cannot write the audit log .*not-a-folder\/audit\.jsonl: .*; nothing was sent$/);
    assert.equal(server.patches.length, 0);
  });

  it('refuses an operation whose agent is not the environment’s source, and a second run while one is in flight', async () => {
    const { env, runner } = await setup();
    const snapshotEnv: EnvironmentConfig = { name: 'qa', manifests: ['envs/qa'], protected: false, live: { provider: 'snapshot', path: 'live/qa' } };
    const wrong = await runner.run({ operation: 'sync-now', channel: { channel: 'argocd', action: 'sync' }, env: snapshotEnv });
    assert.deepEqual([wrong.status, wrong.message], ['refused', "argocd:sync needs an argocd live source; qa's live source is snapshot"]);
    const first = runner.run({ operation: 'reconcile', channel: RECONCILE, env: env(false), pollMs: 100 });
    assert.equal(runner.isRunning('reconcile', 'prod'), true);
    const second = await runner.run({ operation: 'reconcile', channel: RECONCILE, env: env(false) });
    assert.deepEqual([second.status, second.message], ['refused', 'reconcile is already running on prod']);
    assert.equal((await first).status, 'success');
    assert.equal(runner.isRunning('reconcile', 'prod'), false);
  });

  it('audits a timeout as no-answer with what was seen, and an Argo CD sync with the agent’s CLI equivalent', async () => {
    const argo = await startFakeArgoCdServer({ token: 'tkn', apps: [{ name: 'shop', namespace: 'team-a', resources: [], syncOutcome: 'never' }] });
    try {
      const { audit, runner } = await setup({ secret: async (kind, host) => (kind === 'argocd' && host === argo.url ? 'tkn' : undefined) });
      const env: EnvironmentConfig = { name: 'staging', manifests: ['envs/staging'], protected: false, live: { provider: 'argocd', server: argo.url, app: 'shop', appNamespace: 'team-a' } };
      const outcome = await runner.run({ operation: 'sync-now', channel: { channel: 'argocd', action: 'sync' }, env, timeoutMs: 300, pollMs: 50 });
      assert.equal(outcome.status, 'timeout');
      const [send, result] = (await audit.records()) as unknown as Array<Record<string, unknown>>;
      assert.deepEqual([send.via, send.text, send.destination], ['argocd', 'argocd app sync shop --app-namespace team-a', `Argo CD ${argo.url} application team-a/shop`]);
      assert.deepEqual([result.status, result.delivery, result.error], ['no-answer', 'sent', 'Argo CD application team-a/shop: sync still Running after 300ms']);
    } finally {
      await argo.close();
    }
  });

  it('lists the agent operations an environment can run, worded for pickers', () => {
    const { config } = parseConfigText(`version: 1
environments:
  - { name: prod, manifests: p, live: { flux: { helmRelease: podinfo, namespace: shop } } }
  - { name: staging, manifests: s, live: { argocd: { server: "https://argocd.example.com", app: shop } } }
operations: { reconcile: "flux:reconcile-with-source", pause: "flux:suspend", sync-now: "argocd:sync" }
`);
    const [prod, staging] = config!.environments;
    assert.deepEqual(agentOperationsFor(config!, prod).map((o) => `${o.name}: ${describeAgentOperation(o.channel, prod)}`), ['reconcile: Reconcile HelmRelease shop/podinfo (source first)', 'pause: Suspend HelmRelease shop/podinfo']);
    assert.deepEqual(agentOperationsFor(config!, staging).map((o) => `${o.name}: ${describeAgentOperation(o.channel, staging)}`), ['sync-now: Sync Argo CD application shop']);
  });
});
