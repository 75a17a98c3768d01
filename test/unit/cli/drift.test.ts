import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { ARGOCD_TOKEN_ENV } from '../../../src/cli/cliEvaluationContext';
import { startFakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';

const DEMO = path.resolve(__dirname, '../../../../examples/demo');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('youops drift', function () {
  this.timeout(20_000);

  it('prints each drifted field of the demo with file:line and exits 1', async () => {
    const { code, out } = await run('drift', '--cwd', DEMO);
    assert.equal(code, 1);
    assert.match(out, /^dev: InSync — 5 in sync \(snapshot\)$/m);
    assert.match(out, /^prod: Drifted — .*3 drifted.*1 extra/m);
    assert.match(out, /^ {4}envs\/prod\/web\.yaml:11 {2}spec\.replicas: desired 3, live 2$/m);
    assert.match(out, /^ {4}envs\/prod\/api\.yaml:\d+ {2}spec\.template\.spec\.containers\[name=api\]\.image: desired "ghcr\.io\/acme\/shop-api:2\.2\.0", live "ghcr\.io\/acme\/shop-api:2\.2\.1-hotfix"$/m);
    assert.match(out, /^ {2}Missing Deployment shop-staging\/worker envs\/staging\/worker\.yaml:\d+$/m);
    assert.match(out, /^ {2}Extra {3}Deployment shop-prod\/debug-shell$/m);
  });

  it('prints the JSON shape of the issue, limited to the named environments', async () => {
    const { code, out } = await run('drift', 'prod', '--format', 'json', '--cwd', DEMO);
    assert.equal(code, 1);
    const json = JSON.parse(out) as { environments: Array<{ name: string; status: string; resources: Array<Record<string, unknown>> }> };
    assert.deepEqual(json.environments.map((e) => e.name), ['prod']);
    const webDeploy = json.environments[0].resources.find((r) => r.kind === 'Deployment' && r.name === 'web')!;
    assert.deepEqual(
      { ...webDeploy, line: undefined },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop-prod', name: 'web', file: 'envs/prod/web.yaml', line: undefined, status: 'Drifted', drift: [{ path: 'spec.replicas', desired: 3, live: 2, reason: 'changed', file: 'envs/prod/web.yaml', line: 11, setBy: 'resource' }] },
    );
    const extra = json.environments[0].resources.find((r) => r.status === 'Extra')!;
    assert.equal(extra.file, null);
  });

  it('takes the environments from --env as the issue spells it (comma-separated too)', async () => {
    const one = await run('drift', '--env', 'prod', '--format', 'json', '--cwd', DEMO);
    assert.equal(one.code, 1);
    assert.deepEqual((JSON.parse(one.out) as { environments: Array<{ name: string }> }).environments.map((e) => e.name), ['prod']);
    const two = await run('drift', '--env=dev,staging', '--format', 'json', '--cwd', DEMO);
    assert.deepEqual((JSON.parse(two.out) as { environments: Array<{ name: string }> }).environments.map((e) => e.name), ['dev', 'staging']);
    const bad = await run('drift', '--env', 'prd', '--cwd', DEMO);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /did you mean "prod"/);
    const foreign = await run('envs', '--env', 'prod', '--cwd', DEMO);
    assert.equal(foreign.code, 2);
    assert.match(foreign.err, /unknown option --env for envs/);
  });

  it('exits 0 when the named environments are in sync', async () => {
    const { code, out } = await run('drift', 'dev', '--cwd', DEMO);
    assert.equal(code, 0);
    assert.equal(out.trim(), 'dev: InSync — 5 in sync (snapshot)');
  });

  it('exits 2 for an unsupported format, an unknown environment or a broken config', async () => {
    const sarif = await run('drift', '--format', 'sarif', '--cwd', DEMO);
    assert.equal(sarif.code, 2);
    assert.match(sarif.err, /sarif/);
    const unknown = await run('drift', 'prd', '--cwd', DEMO);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no environment "prd" in youops.yaml \(did you mean "prod"\?\)/);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-cli-'));
    try {
      await fs.writeFile(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments: 3\n');
      const broken = await run('drift', '--cwd', dir);
      assert.equal(broken.code, 2);
      assert.match(broken.err, /youops.yaml:\d+:\d+: error/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  describe('with gitRef and argocd live sources', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-cli-live-'));
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir });
      await fs.mkdir(path.join(dir, 'envs/prod'), { recursive: true });
      const cm = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  LEVEL: ${value}\n`;
      await fs.writeFile(path.join(dir, 'envs/prod/cfg.yaml'), cm('info'));
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'deployed');
      git('tag', 'deployed');
      await fs.writeFile(path.join(dir, 'envs/prod/cfg.yaml'), cm('debug'));
    });
    afterEach(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('reports drift against a Git tag in drift and envs (real temp Git repository)', async () => {
      await fs.writeFile(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live:\n      gitRef: { ref: deployed }\n');
      const drift = await run('drift', '--cwd', dir);
      assert.equal(drift.code, 1, drift.err);
      assert.match(drift.out, /^ {4}envs\/prod\/cfg\.yaml:7 {2}data\.LEVEL: desired "debug", live "info"$/m);
      const envs = await run('envs', '--format', 'json', '--cwd', dir);
      const json = JSON.parse(envs.out) as { environments: Array<{ status: string; live: string; counts: { Drifted: number } }> };
      assert.deepEqual([json.environments[0].status, json.environments[0].live, json.environments[0].counts.Drifted], ['Drifted', 'gitRef', 1]);
    });

    it(`uses $${ARGOCD_TOKEN_ENV} and shows Argo CD sync/health (fake Argo CD server on 127.0.0.1)`, async () => {
      const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { LEVEL: 'debug' } };
      const server = await startFakeArgoCdServer({ token: 'tkn', apps: [{ name: 'shop', sync: 'Synced', health: 'Healthy', resources: [{ live }] }] });
      const saved = process.env[ARGOCD_TOKEN_ENV];
      try {
        await fs.writeFile(path.join(dir, 'youops.yaml'), `version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live:\n      argocd: { server: "${server.url}", app: shop }\n`);
        delete process.env[ARGOCD_TOKEN_ENV];
        const noToken = await run('drift', '--cwd', dir);
        assert.equal(noToken.code, 1);
        assert.match(noToken.out, /^prod: Error.*\n {2}error: Argo CD at .* needs a token \(HTTP 401\): none is set$/m);
        process.env[ARGOCD_TOKEN_ENV] = 'tkn';
        const ok = await run('drift', '--cwd', dir);
        assert.equal(ok.code, 0, ok.out);
        // The application's own state and its synced revision, which this repository's history does not have.
        assert.equal(ok.out.trim(), `prod: InSync [Synced, Healthy] — 1 in sync (argocd)\n  Argo CD application shop: Synced · Healthy · abc1230\n  runs abc1230 (not in your local history — fetch?)`);
        const json = JSON.parse((await run('drift', '--format', 'json', '--cwd', dir)).out) as { environments: Array<{ summary: unknown }> };
        assert.deepEqual(json.environments[0].summary, { sync: 'Synced', health: 'Healthy' });
      } finally {
        if (saved === undefined) delete process.env[ARGOCD_TOKEN_ENV];
        else process.env[ARGOCD_TOKEN_ENV] = saved;
        await server.close();
      }
    });
  });
});
