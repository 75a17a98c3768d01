import * as assert from 'node:assert/strict';
import { evaluatePeerCase, PEER_CORPUS } from '../../../bench/drift/peerCorpus';

/**
 * The drift verdicts the peers reach, case by case: scenarios of Argo CD's and Flux's own
 * diff tests, and real `kubectl get -o yaml` shapes (see bench/drift/peerCorpus.ts). Each
 * goes through the real manifest reader, live reader and drift engine.
 */
describe('drift verdicts agree with Argo CD, Flux and kubectl', () => {
  for (const group of ['peer', 'cluster'] as const) {
    describe(group === 'peer' ? "peers' diff test suites" : 'real kubectl get -o yaml shapes', () => {
      for (const c of PEER_CORPUS.filter((x) => x.group === group)) {
        it(`${c.source}: ${c.name} → ${c.expect}${c.note ? ` (${c.note})` : ''}`, async () => {
          const result = await evaluatePeerCase(c);
          assert.equal(result.status, c.expect, `drifted: ${result.paths.join(', ') || 'nothing'}`);
          if (c.paths) assert.deepEqual([...result.paths].sort(), [...c.paths].sort());
        });
      }
    });
  }

  it('holds enough cases of each group to measure agreement', () => {
    assert.ok(PEER_CORPUS.filter((c) => c.group === 'peer').length >= 60);
    assert.ok(PEER_CORPUS.filter((c) => c.group === 'cluster').length >= 35);
  });
});
