import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FLUX_RESOURCES, fakeFluxController, fluxKustomization } from '../../fake-servers/fakeFlux';
import { startFakeKubeApiServer, type FakeKubeApiServer } from '../../fake-servers/fakeKubeApiServer';
import { createGitFixture, writeFile, type GitFixture } from '../gitops/gitFixture';

const CM = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\ndata: { n: "${n}" }\n`;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

/**
 * The CLI on a real Git repository (bare origin, three commits on main) with a Flux
 * environment on the fake Kubernetes API server (real kubectl) and a snapshot environment
 * whose export carries a REVISION file.
 */
describe('youops envs / where / run with Flux and revisions (real kubectl, fake Kubernetes API server with Flux CRDs on 127.0.0.1, real Git repository)', function () {
  this.timeout(60_000);
  let fx: GitFixture;
  let server: FakeKubeApiServer;
  let c: string[];
  let savedCache: string | undefined;

  beforeEach(async () => {
    fx = createGitFixture({ 'envs/prod/cm.yaml': CM(0), 'envs/dev/cm.yaml': CM(0), '.youops/live/dev/cm.yaml': CM(0) });
    c = [fx.git(fx.clone, 'rev-parse', 'HEAD').trim()];
    for (const n of [1, 2]) {
      writeFile(path.join(fx.clone, 'envs/prod/cm.yaml'), CM(n));
      fx.git(fx.clone, 'commit', '-q', '-am', `prod n=${n}`);
      c.push(fx.git(fx.clone, 'rev-parse', 'HEAD').trim());
    }
    fx.git(fx.clone, 'push', '-q', 'origin', 'main');
    savedCache = process.env.KUBECACHEDIR;
    process.env.KUBECACHEDIR = path.join(fx.root, 'kube-cache');
    server = await startFakeKubeApiServer({
      objects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { n: '1' } },
        fluxKustomization({ name: 'prod', revision: `main@sha1:${c[1]}`, inventory: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'shop' }] }),
      ],
      extraResources: FLUX_RESOURCES,
      onWrite: fakeFluxController(() => ({ outcome: 'ready', revision: `main@sha1:${c[2]}` })),
    });
    await server.writeKubeconfig(fx.clone, { context: 'kind-prod' });
    fs.writeFileSync(path.join(fx.clone, '.youops/live/dev/REVISION'), `${c[0]}\n`);
    fs.writeFileSync(
      path.join(fx.clone, 'youops.yaml'),
      `version: 1
environments:
  - { name: dev, manifests: envs/dev, live: { snapshot: .youops/live/dev } }
  - { name: prod, manifests: envs/prod, protected: true, live: { flux: { kustomization: prod, kubeconfig: kubeconfig } } }
operations:
  promote: gitops
  reconcile: flux:reconcile
`,
    );
  });
  afterEach(async () => {
    await server.close();
    if (savedCache === undefined) delete process.env.KUBECACHEDIR;
    else process.env.KUBECACHEDIR = savedCache;
    fx.dispose();
  });

  it('envs: the deployed revision against main and Flux’s own state, in text and JSON', async () => {
    const text = await run('envs', '--cwd', fx.clone);
    assert.equal(text.code, 1, text.out + text.err);
    const lines = text.out.trimEnd().split('\n');
    assert.equal(lines[0], `dev   InSync    1 InSync · runs ${c[0].slice(0, 7)} — 2 commits behind main`);
    assert.equal(lines[1], `prod  Drifted   1 Drifted · runs ${c[1].slice(0, 7)} — 1 commit behind main`);
    assert.equal(lines[2], `      Flux Kustomization flux-system/prod: Ready · applied main@sha1:${c[1].slice(0, 7)}`);

    const json = JSON.parse((await run('envs', '--cwd', fx.clone, '--format', 'json')).out) as { environments: Array<{ name: string; live: string; revision: Record<string, unknown> | null; agent: Record<string, unknown> | null }> };
    const [dev, prod] = json.environments;
    assert.deepEqual([dev.revision?.deployed, dev.revision?.source, dev.revision?.behind], [c[0], 'main', 2]);
    assert.equal(dev.agent, null);
    assert.deepEqual([prod.live, prod.revision?.deployed, prod.revision?.source, prod.revision?.behind, prod.revision?.reported], ['flux', c[1], 'main', 1, `main@sha1:${c[1]}`]);
    assert.deepEqual([prod.agent?.state, prod.agent?.suspended, prod.agent?.text], ['Ready', false, `Ready · applied main@sha1:${c[1].slice(0, 7)}`]);

    // No revision file: revision is null, not a guess.
    fs.rmSync(path.join(fx.clone, '.youops/live/dev/REVISION'));
    const again = JSON.parse((await run('envs', '--cwd', fx.clone, '--format', 'json')).out) as { environments: Array<{ revision: unknown }> };
    assert.equal(again.environments[0].revision, null);
  });

  it('where: per environment, deployed or pending with the commits to go, exit 0 only when deployed everywhere asked', async () => {
    const head = await run('where', '--cwd', fx.clone);
    assert.equal(head.code, 1);
    assert.equal(head.out.trimEnd(), [`${c[2].slice(0, 7)}  prod n=2`, `  dev   pending — 2 commits behind (runs ${c[0].slice(0, 7)})`, `  prod  pending — 1 commit behind (runs ${c[1].slice(0, 7)})`].join('\n'));
    const older = await run('where', c[1].slice(0, 8), '--env', 'prod', '--cwd', fx.clone);
    assert.equal(older.code, 0, older.out + older.err);
    assert.match(older.out, /^ {2}prod {2}deployed \(runs [0-9a-f]{7}\)$/m);
    const json = JSON.parse((await run('where', '--format', 'json', '--cwd', fx.clone)).out) as { commit: string; environments: Array<Record<string, unknown>> };
    assert.equal(json.commit, c[2]);
    assert.deepEqual(json.environments[1], { name: 'prod', placement: 'pending', branch: 'main', deployed: c[1], behind: 1, reason: null, text: `pending — 1 commit behind (runs ${c[1].slice(0, 7)})` });
    const bad = await run('where', 'nope', '--cwd', fx.clone);
    assert.deepEqual([bad.code, bad.err.trim()], [2, 'youops: no commit "nope" in the local repository (fetch, or check the hash)']);
    assert.match((await run('where', '--env', 'prd', '--cwd', fx.clone)).err, /no environment "prd" in youops.yaml \(did you mean "prod"\?\)/);
  });

  it('run: reconciles prod only with --yes (protected), waits for Flux, audits the request', async () => {
    const audit = path.join(fx.root, 'audit.jsonl');
    const refused = await run('run', 'reconcile', '--env', 'prod', '--cwd', fx.clone, '--audit-log', audit);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /youops: prod is protected: pass --yes to confirm: Reconcile Kustomization flux-system\/prod/);
    assert.equal(server.patches.length, 0);
    assert.ok(!fs.existsSync(audit));

    const done = await run('run', 'reconcile', '--env', 'prod', '--yes', '--cwd', fx.clone, '--audit-log', audit, '--timeout', '20s');
    assert.equal(done.code, 0, done.out + done.err);
    assert.equal(done.out.trim(), `✓ Kustomization flux-system/prod reconciled: applied main@sha1:${c[2].slice(0, 7)}`);
    assert.match(done.err, /^Reconcile Kustomization flux-system\/prod \(prod\)…\n {2}Kustomization flux-system\/prod: Ready\n {2}Requested a reconciliation/);
    const records = fs.readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(records.map((r) => [r.type, r.status ?? r.text]), [['send', 'flux reconcile kustomization prod --namespace flux-system'], ['result', 'success']]);

    // Now the environment runs main's tip.
    assert.match((await run('envs', '--cwd', fx.clone)).out, new RegExp(`^prod .* · runs ${c[2].slice(0, 7)} ✓ latest$`, 'm'));
    assert.equal((await run('where', '--cwd', fx.clone, '--env', 'prod')).code, 0);
  });

  it('run: clear usage errors for operations it does not run', async () => {
    assert.match((await run('run', 'promote', '--env', 'prod', '--cwd', fx.clone)).err, /operation "promote" goes through gitops: use youops promote/);
    assert.match((await run('run', 'reconcil', '--env', 'prod', '--cwd', fx.clone)).err, /no operation "reconcil" in youops.yaml \(did you mean "reconcile"\?\); agent operations: reconcile/);
    assert.match((await run('run', 'reconcile', '--cwd', fx.clone)).err, /run needs --env NAME/);
    assert.match((await run('run', 'reconcile', '--env', 'prod', '--timeout', 'soon', '--cwd', fx.clone)).err, /--timeout must be a duration such as 90s or 5m, not "soon"/);
    const wrongEnv = await run('run', 'reconcile', '--env', 'dev', '--cwd', fx.clone, '--audit-log', path.join(fx.root, 'a.jsonl'));
    assert.deepEqual([wrongEnv.code, wrongEnv.out.trim()], [2, "⛔ flux:reconcile needs a flux live source (live: { flux: { kustomization: … } }); dev's live source is snapshot"]);
  });
});
