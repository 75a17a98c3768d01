import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandProvider } from '../../../src/core/live/commandProvider';
import { createLiveProvider } from '../../../src/core/live/createProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';
import { ArgoCdProvider } from '../../../src/core/live/argocdProvider';
import { GitRefProvider } from '../../../src/core/live/gitRefProvider';
import { KubectlProvider } from '../../../src/core/live/kubectlProvider';
import { startFakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';

describe('createLiveProvider', () => {
  const untrusted = { rootDir: '/repo', trusted: false };
  const trusted = { rootDir: '/repo', trusted: true };

  it('builds snapshot providers even in untrusted workspaces, resolving paths against rootDir', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-create-'));
    try {
      await fs.mkdir(path.join(root, '.youops/live'), { recursive: true });
      await fs.writeFile(path.join(root, '.youops/live/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
      const provider = createLiveProvider({ provider: 'snapshot', path: '.youops/live' }, { rootDir: root, trusted: false });
      assert.ok(provider instanceof SnapshotProvider);
      assert.equal((await provider.fetch({ resources: [] })).objects.length, 1);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('refuses process-running providers in untrusted workspaces', () => {
    for (const source of [{ provider: 'command' as const, argv: ['./export.sh'] }, { provider: 'kubectl' as const }]) {
      assert.throws(
        () => createLiveProvider(source, untrusted),
        (e: unknown) => e instanceof LiveStateError && e.provider === source.provider && /runs a process: trust this workspace to use it/.test(e.message),
      );
    }
  });

  it('builds a command provider when trusted', () => {
    assert.ok(createLiveProvider({ provider: 'command', argv: ['x'] }, trusted) instanceof CommandProvider);
  });

  it('builds gitRef, kubectl and argocd providers when trusted', () => {
    assert.ok(createLiveProvider({ provider: 'gitRef', ref: 'deployed/prod' }, { ...trusted, manifests: ['envs/prod'] }) instanceof GitRefProvider);
    assert.ok(createLiveProvider({ provider: 'kubectl', context: 'kind' }, trusted) instanceof KubectlProvider);
    assert.ok(createLiveProvider({ provider: 'argocd', server: 'https://argocd', app: 'shop' }, trusted) instanceof ArgoCdProvider);
  });

  it('allows gitRef (read-only git) but refuses argocd (sends a token) in untrusted workspaces', () => {
    assert.ok(createLiveProvider({ provider: 'gitRef', ref: 'v1', path: 'envs/prod' }, untrusted) instanceof GitRefProvider);
    assert.throws(
      () => createLiveProvider({ provider: 'argocd', server: 'https://argocd', app: 'shop' }, untrusted),
      (e: unknown) => e instanceof LiveStateError && /sends your Argo CD token to the configured server: trust this workspace/.test(e.message),
    );
  });

  it('rejects a gitRef source with neither path nor environment manifests', () => {
    assert.throws(() => createLiveProvider({ provider: 'gitRef', ref: 'v1' }, trusted), (e: unknown) => e instanceof LiveStateError && /no manifests path/.test(e.message));
  });

  it('asks the secret lookup for the argocd token of the source server on each fetch (fake Argo CD server on 127.0.0.1)', async () => {
    const server = await startFakeArgoCdServer({ token: 't0k3n', apps: [{ name: 'shop', resources: [] }] });
    try {
      const source = { provider: 'argocd' as const, server: server.url, app: 'shop' };
      const asked: string[] = [];
      const kinds = new Set<string>();
      const viaGetter = createLiveProvider(source, { ...trusted, secret: async (kind, host) => (kinds.add(kind), asked.push(host), 't0k3n') });
      assert.deepEqual((await viaGetter.fetch({ resources: [] })).summary, { sync: 'Synced', health: 'Healthy' });
      await viaGetter.fetch({ resources: [] });
      assert.deepEqual(asked, [server.url, server.url]);
      assert.deepEqual([...kinds], ['argocd']);
      const viaToken = createLiveProvider(source, { ...trusted, secret: async (kind) => (kind === 'argocd' ? 't0k3n' : undefined) });
      assert.equal((await viaToken.fetch({ resources: [] })).complete, true);
    } finally {
      await server.close();
    }
  });
});
