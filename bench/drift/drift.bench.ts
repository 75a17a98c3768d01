import { stringify } from 'yaml';
import { diffObjects } from '../../src/core/drift/compare';
import { computeEnvironmentDrift } from '../../src/core/drift/environmentDrift';
import { resourceIdOf, resourceKey } from '../../src/core/manifests/resourceId';
import { IncrementalManifestParser } from '../../src/core/manifests/incrementalManifestParser';
import { parseManifestText } from '../../src/core/manifests/parseManifestText';
import type { LiveState } from '../../src/core/live/provider';
import { pointerFromSegments } from '../../src/core/text/jsonPointer';
import { generateDriftCorpus, type DriftPair } from './driftCorpus';
import { evaluatePeerCase, PEER_CORPUS } from './peerCorpus';
import { median, percentile, printTable, timeLoop } from '../benchUtil';

/**
 * Issue 3's drift benchmark: objects/s and false positives/negatives of the
 * drift engine, side by side with a generic deep-diff library (microdiff) given
 * the same pairs, plus the engine time behind decorations on a 10,000-line file,
 * and issue 11's agreement with the verdicts of Argo CD, Flux and kubectl.
 */
interface Score {
  falsePositives: number;
  falseNegatives: number;
}

function scoreYouOps(pairs: DriftPair[]): Score {
  const s: Score = { falsePositives: 0, falseNegatives: 0 };
  for (const p of pairs) {
    const found = diffObjects(p.desired, p.live, { kind: String(p.desired.kind), apiVersion: String(p.desired.apiVersion), ignore: [] }).map((f) => f.path);
    s.falsePositives += found.filter((f) => !p.injected.includes(f)).length ? 1 : 0;
    s.falseNegatives += p.injected.filter((f) => !found.includes(f)).length ? 1 : 0;
  }
  return s;
}

/** The fairest generic use: only differences on what the desired object sets (changed or removed live). */
function genericDiff(diff: typeof import('microdiff').default, p: DriftPair): string[] {
  return diff(p.desired, p.live)
    .filter((d) => d.type !== 'CREATE')
    .map((d) => pointerFromSegments(d.path));
}

function scoreGeneric(diff: typeof import('microdiff').default, pairs: DriftPair[]): Score {
  const s: Score = { falsePositives: 0, falseNegatives: 0 };
  for (const p of pairs) {
    const found = genericDiff(diff, p);
    s.falsePositives += found.filter((f) => !p.injected.includes(f)).length ? 1 : 0;
    s.falseNegatives += p.injected.filter((f) => !found.includes(f)).length ? 1 : 0;
  }
  return s;
}

/** Seconds per pass when every live object is compared for the first time (its last-applied-configuration not yet read). */
function firstComparisons(pairs: DriftPair[]): number {
  const copies = Array.from({ length: 5 }, () => pairs.map((p) => JSON.parse(JSON.stringify(p.live)) as Record<string, unknown>));
  const times = copies.map((lives) => {
    const start = process.hrtime.bigint();
    pairs.forEach((p, i) => diffObjects(p.desired, lives[i], { kind: String(p.desired.kind), apiVersion: String(p.desired.apiVersion), ignore: [] }));
    return Number(process.hrtime.bigint() - start) / 1e9;
  });
  return median(times);
}

/** The peer-derived corpus: verdicts (and drifted fields) as Argo CD, Flux and kubectl reach them. */
async function peerAgreement(): Promise<{ falsePositives: number; falseNegatives: number }> {
  const rows: string[][] = [];
  let falsePositives = 0;
  let falseNegatives = 0;
  const clean = (s: string) => s === 'InSync';
  for (const [group, label] of [
    ['peer', "Argo CD / Flux diff tests"],
    ['cluster', 'kubectl get -o yaml shapes'],
  ] as const) {
    const cases = PEER_CORPUS.filter((c) => c.group === group);
    let verdicts = 0;
    let fields = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cases) {
      const r = await evaluatePeerCase(c);
      if (r.status === c.expect) verdicts++;
      if (r.agrees) fields++;
      if (clean(c.expect) && !clean(r.status)) fp++;
      if (!clean(c.expect) && c.expect !== 'Unknown' && clean(r.status)) fn++;
    }
    falsePositives += fp;
    falseNegatives += fn;
    rows.push([label, String(cases.length), `${verdicts} (${Math.round((100 * verdicts) / cases.length)}%)`, String(fields), String(fp), String(fn)]);
  }
  console.log(`\n## Drift verdicts against the peers — ${PEER_CORPUS.length} desired/live cases (bench/drift/peerCorpus.ts)`);
  printTable(['', 'cases', 'verdicts agree', 'fields agree', 'false positives', 'false negatives'], rows);
  return { falsePositives, falseNegatives };
}

let fullParseMs = 0;
let lineCount = 0;

function decorationEdits(pairs: DriftPair[]): number[] {
  // ~10,000 lines of desired state, one file, and the matching live objects.
  const docs: string[] = [];
  const live: LiveState = { objects: [], complete: true, fetchedAt: new Date() };
  let lines = 0;
  for (const p of pairs) {
    const text = stringify(p.desired);
    docs.push(text);
    lines += text.split('\n').length;
    const id = resourceIdOf(p.live)!;
    live.objects.push({ id, key: resourceKey(id), object: p.live });
    if (lines >= 10_000) break;
  }
  let text = docs.join('---\n');
  const parser = new IncrementalManifestParser();
  parser.parse(text, '/bench/big.yaml'); // the file as opened
  const times: number[] = [];
  for (let edit = 0; edit < 30; edit++) {
    // A person edits one value (every third edit inserts a line, shifting the documents below).
    let n = 0;
    text = text.replace(/replicas: (\d+)/g, (m, v: string) => (n++ === edit * 7 ? (edit % 3 === 2 ? `replicas: ${v}\n  minReadySeconds: ${edit}` : `replicas: ${(Number(v) % 9) + 1}`) : m));
    const start = process.hrtime.bigint();
    const parsed = parser.parse(text, '/bench/big.yaml');
    const drift = computeEnvironmentDrift(parsed.resources, live, []);
    let decorations = 0;
    for (const r of drift.resources) for (const f of r.fields) if (f.location) decorations++;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (decorations === 0 && edit > 0) throw new Error('edits must produce drift to decorate');
  }
  fullParseMs = timeLoop(() => parseManifestText(text, '/bench/big.yaml'), 500) * 1000;
  lineCount = text.split('\n').length;
  return times;
}

export async function run(): Promise<void> {
  const diff = ((await import('microdiff')) as unknown as { default: typeof import('microdiff').default }).default;
  const pairs = generateDriftCorpus(2000);
  const injected = pairs.filter((p) => p.injected.length).length;
  console.log(`\n## Drift engine — ${pairs.length} desired/live pairs with server noise, ${injected} with injected drift`);

  const ours = timeLoop(() => {
    for (const p of pairs) diffObjects(p.desired, p.live, { kind: String(p.desired.kind), apiVersion: String(p.desired.apiVersion), ignore: [] });
  });
  const generic = timeLoop(() => {
    for (const p of pairs) genericDiff(diff, p);
  });
  const oursScore = scoreYouOps(pairs);
  const genericScore = scoreGeneric(diff, pairs);
  const oursRate = pairs.length / ours;
  const genericRate = pairs.length / generic;
  const coldRate = pairs.length / firstComparisons(pairs);
  printTable(
    ['', 'objects/s', 'false positives', 'false negatives'],
    [
      ['YouOps drift engine', Math.round(oursRate).toLocaleString('en'), String(oursScore.falsePositives), String(oursScore.falseNegatives)],
      ['  first comparison of each live object', Math.round(coldRate).toLocaleString('en'), '', ''],
      ['microdiff (generic deep diff)', Math.round(genericRate).toLocaleString('en'), String(genericScore.falsePositives), String(genericScore.falseNegatives)],
    ],
  );

  const agreement = await peerAgreement();
  const falsePositives = oursScore.falsePositives + agreement.falsePositives;
  const falseNegatives = oursScore.falseNegatives + agreement.falseNegatives;
  console.log(`ratio (YouOps / microdiff objects/s): ${(oursRate / genericRate).toFixed(2)}×   target ≥ 50,000 objects/s and 0 false positives/negatives (noisy corpus + peer cases: ${falsePositives}/${falseNegatives}): ${oursRate >= 50_000 && falsePositives === 0 && falseNegatives === 0 ? 'MET' : 'NOT MET'}`);

  const edits = decorationEdits(pairs);
  const med = median(edits);
  console.log(`\n## Drift decorations — ${lineCount.toLocaleString('en')}-line manifest, 30 edits (incremental parse + drift + decoration ranges)`);
  console.log(`median ${med.toFixed(1)} ms, p95 ${percentile(edits, 95).toFixed(1)} ms (a full re-parse alone: ${fullParseMs.toFixed(0)} ms)   target median ≤ 20 ms: ${med <= 20 ? 'MET' : 'NOT MET'}`);
}
