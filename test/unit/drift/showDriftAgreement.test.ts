import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { generateDriftCorpus } from '../../../bench/drift/driftCorpus';
import { PEER_CORPUS } from '../../../bench/drift/peerCorpus';
import { computeEnvironmentDrift, type DriftRules } from '../../../src/core/drift/environmentDrift';
import { driftDocuments } from '../../../src/core/drift/driftDocuments';
import { parseLiveObjects } from '../../../src/core/live/parseLiveObjects';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

/** Show Drift and the status come from one walk: the diff shows a difference exactly when the resource is Drifted. */
async function agrees(desiredText: string, liveText: string, rules: DriftRules): Promise<{ status: string; same: boolean }> {
  const desired = parseManifestText(desiredText, '/repo/d.yaml').resources;
  const live = (await parseLiveObjects(liveText, 'live')).objects;
  const r = computeEnvironmentDrift(desired, { objects: live, complete: false, fetchedAt: new Date(0) }, rules).resources[0];
  const docs = driftDocuments(r, 'prod', rules);
  return { status: r.status, same: docs.desired === docs.live };
}

describe('Show Drift agrees with the status', () => {
  it('on every peer and kubectl case with live state (both directions)', async () => {
    let checked = 0;
    for (const c of PEER_CORPUS) {
      if (c.live === undefined || c.expect === 'Unknown') continue;
      const { status, same } = await agrees(typeof c.desired === 'string' ? c.desired : stringify(c.desired), typeof c.live === 'string' ? c.live : JSON.stringify(c.live), { ignore: [], ...c.rules });
      assert.equal(same, status === 'InSync', `${c.source}: ${c.name} is ${status} but the diff documents are ${same ? 'equal' : 'different'}`);
      checked++;
    }
    assert.ok(checked > 100, `${checked} cases`);
  });

  it('on the bench corpus with server noise and injected drift', async () => {
    for (const p of generateDriftCorpus(300, 7)) {
      const { status, same } = await agrees(stringify(p.desired), JSON.stringify(p.live), { ignore: [] });
      assert.equal(status, p.injected.length ? 'Drifted' : 'InSync');
      assert.equal(same, status === 'InSync', `${String((p.desired.metadata as { name: string }).name)}: ${status}`);
    }
  });
});
