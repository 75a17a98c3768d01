import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { contextFromResource } from '../../../src/core/chatops/commandContext';
import { driftDocuments } from '../../../src/core/drift/driftDocuments';
import { driftText } from '../../../src/core/drift/driftText';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import { parseLiveObjects } from '../../../src/core/live/parseLiveObjects';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const GIT_PASSWORD = 'correct-horse-battery';
const LIVE_PASSWORD = 'rotated-by-hand-42';
const GIT_TOKEN = 'tok-from-git-9f8e';

// stringData in Git; the server returns data only, and kubectl's last-applied repeats the applied values.
const DESIRED = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
type: Opaque
stringData:
  password: ${GIT_PASSWORD}
data:
  token: ${b64(GIT_TOKEN)}
  same: ${b64('unchanged')}
`;
const applied = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque', stringData: { password: LIVE_PASSWORD, removed: 'old-value-77' }, data: { token: b64(GIT_TOKEN) } };
const LIVE = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', uid: 'u', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) } },
  type: 'Opaque',
  data: { password: b64(LIVE_PASSWORD), token: b64(GIT_TOKEN), same: b64('unchanged'), removed: b64('old-value-77') },
};
const SECRET_VALUES = [GIT_PASSWORD, LIVE_PASSWORD, GIT_TOKEN, 'unchanged', 'old-value-77'].flatMap((v) => [v, b64(v)]);

function assertNoSecret(text: string, where: string): void {
  for (const v of SECRET_VALUES) assert.ok(!text.includes(v), `${where} contains a Secret value (${v.slice(0, 3)}…)`);
}

async function evaluate() {
  const desired = parseManifestText(DESIRED, '/repo/secret.yaml').resources;
  const live = (await parseLiveObjects(JSON.stringify(LIVE), 'live')).objects;
  return computeEnvironmentDrift(desired, { objects: live, complete: true, fetchedAt: new Date(0) }, { ignore: [] });
}

describe('Secrets: stringData folded into data, values never shown', () => {
  it('reports drift on the stringData line, a key Git removed, and nothing for equal values', async () => {
    const r = (await evaluate()).resources[0];
    assert.equal(r.status, 'Drifted');
    assert.deepEqual(
      r.fields.map((f) => [f.path, f.reason, f.masked, f.location?.keyRange.start.line]),
      [
        ['/stringData/password', 'changed', true, 7],
        ['/data/removed', 'extra', true, 8],
      ],
    );
    assert.deepEqual(r.fields.map((f) => driftText(f).summary), ['value differs', 'secret key not in Git, still live']);
  });

  it('keeps no Secret value in the drift data: fields, the live object (masked, without last-applied) or its text', async () => {
    const drift = await evaluate();
    assertNoSecret(JSON.stringify(drift.resources.map(({ resource: _resource, ...rest }) => rest)), 'the drift result');
    const live = drift.resources[0].live as { data: Record<string, string>; metadata: { annotations?: Record<string, string> } };
    assert.deepEqual(live.data, { password: '++++++++++++', token: '++++++++', same: '++++++++', removed: '++++++++' });
    assert.equal(live.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
  });

  it('masks both sides of Show Drift as Argo CD does: equal values alike, differing ones not', async () => {
    const docs = driftDocuments((await evaluate()).resources[0], 'prod');
    assertNoSecret(docs.desired + docs.live, 'Show Drift');
    assert.match(docs.desired, /password: \+{8}\n/);
    assert.match(docs.live, /password: \+{12}\n/);
    assert.match(docs.desired, /same: \+{8}\n/);
    assert.match(docs.live, /same: \+{8}\n/);
    assert.doesNotMatch(docs.desired, /stringData/);
  });

  it('gives ChatOps context without values', async () => {
    assertNoSecret(JSON.stringify(contextFromResource('prod', (await evaluate()).resources[0])), 'ChatOps context');
  });

  it('re-compares a draft against the masked live object with the real values (drafts re-use the last live state)', async () => {
    const first = (await evaluate()).resources[0];
    const draft = parseManifestText(DESIRED.replace(GIT_PASSWORD, LIVE_PASSWORD), '/repo/secret.yaml').resources;
    const again = computeEnvironmentDrift(draft, { objects: [{ id: first.id, key: first.key, object: first.live }], complete: false, fetchedAt: new Date(0) }, { ignore: [] });
    assert.deepEqual(again.resources[0].fields.map((f) => f.path), ['/data/removed']);
  });

  it('prints no value in youops drift, text or JSON (CLI against a snapshot)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-secret-'));
    try {
      await fs.mkdir(path.join(dir, 'envs/prod'), { recursive: true });
      await fs.mkdir(path.join(dir, 'live'), { recursive: true });
      await fs.writeFile(path.join(dir, 'envs/prod/secret.yaml'), DESIRED);
      await fs.writeFile(path.join(dir, 'live/secret.json'), JSON.stringify(LIVE));
      await fs.writeFile(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n    live: { snapshot: live }\n');
      for (const format of ['text', 'json']) {
        let out = '';
        const code = await runCli(['drift', '--format', format, '--cwd', dir], { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') });
        assert.equal(code, 1, out);
        assertNoSecret(out, `youops drift --format ${format}`);
        if (format === 'text') assert.match(out, /envs\/prod\/secret\.yaml:8 {2}stringData\.password: value differs$/m);
        else assert.deepEqual((JSON.parse(out) as { environments: Array<{ resources: Array<{ drift: unknown[] }> }> }).environments[0].resources[0].drift[0], { path: 'stringData.password', desired: null, live: null, reason: 'changed', masked: true, file: 'envs/prod/secret.yaml', line: 8 });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
