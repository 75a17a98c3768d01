import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LiveStateError } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';

const FIXTURE_LIVE = path.resolve(__dirname, '../../../../test/fixtures/drift/live');

describe('SnapshotProvider', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-snapshot-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a folder with a kubectl List YAML and a JSON object, as complete state', async () => {
    const state = await new SnapshotProvider(FIXTURE_LIVE).fetch({ resources: [] });
    assert.equal(state.complete, true);
    assert.ok(state.fetchedAt instanceof Date);
    assert.deepEqual(state.objects.map((o) => o.key), [
      'v1/Namespace//shop',
      'apps/v1/Deployment/shop/web',
      'apps/v1/ReplicaSet/shop/web-7d4b9c8f6d',
      'v1/Service/shop/web',
      'v1/ConfigMap/shop/web-config',
      'v1/ConfigMap/shop/kube-root-ca.crt',
      'v1/ConfigMap/shop/legacy-flags',
      'v1/ConfigMap/kube-system/coredns',
    ]);
  });

  it('reads a single file holding a JSON List', async () => {
    const file = path.join(dir, 'live.json');
    await fs.writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' } }] }));
    const state = await new SnapshotProvider(file).fetch({ resources: [] });
    assert.deepEqual(state.objects.map((o) => o.key), ['v1/Secret/n/s']);
    assert.deepEqual(state.objects[0].object, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' } });
  });

  it('fails clearly for a missing folder', async () => {
    const missing = path.join(dir, 'nope');
    await assert.rejects(new SnapshotProvider(missing).fetch({ resources: [] }), (e: unknown) => {
      assert.ok(e instanceof LiveStateError);
      assert.equal(e.provider, 'snapshot');
      assert.equal(e.message, `snapshot folder ${missing} does not exist`);
      return true;
    });
  });

  it('fails for a corrupt export instead of reporting everything Missing', async () => {
    await fs.writeFile(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: List\nitems: [\n');
    await assert.rejects(new SnapshotProvider(dir).fetch({ resources: [] }), /snapshot file is not valid YAML\/JSON: .*bad\.yaml:\d+:\d+/);
  });
});
