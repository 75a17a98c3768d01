import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandProvider } from '../../../src/core/live/commandProvider';
import { createLiveProvider } from '../../../src/core/live/createProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';

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

  it('returns providers that reject clearly for not-yet-supported sources', async () => {
    const sources = [
      { provider: 'gitRef' as const, ref: 'deployed/prod' },
      { provider: 'kubectl' as const, context: 'kind' },
      { provider: 'argocd' as const, server: 'https://argocd', app: 'shop' },
    ];
    for (const source of sources) {
      const provider = createLiveProvider(source, trusted);
      assert.equal(provider.name, source.provider);
      await assert.rejects(provider.fetch({ resources: [] }), (e: unknown) => e instanceof LiveStateError && e.message === `${source.provider} live state is not supported yet`);
    }
  });
});
