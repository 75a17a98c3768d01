import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printTable } from '../benchUtil';
import type { EditorFigures } from './editorScenario';
import { generateScaleRepo } from './scaleRepo';

/**
 * Issue 12's scale case: `youops drift` on 5,000 resources in 50 files against an 8 MB
 * `kubectl get -o yaml` export, side by side with the parse floor (js-yaml loading the same
 * bytes, as a process of its own), and the extension's pipeline on 20 environments × 500
 * resources. Wall times are the best of three runs (other load on the machine only adds).
 */
const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function runNode(args: string[], cwd: string): { ms: number; rssMb: number; status: number | null; stdout: string } {
  const rssFile = path.join(os.tmpdir(), `youops-bench-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(__dirname, 'reportRss.js'), ...args], {
    cwd,
    env: { ...process.env, YOUOPS_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  rmSync(rssFile, { force: true });
  return { ms, rssMb, status: r.status, stdout: r.stdout };
}

function best(runs: Array<{ ms: number; rssMb: number }>): { ms: number; rssMb: number } {
  return { ms: Math.min(...runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

export async function run(): Promise<void> {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: `npm run bench` builds it first');
  const work = mkdtempSync(path.join(os.tmpdir(), 'youops-scale-'));
  try {
    const repo = await generateScaleRepo(path.join(work, 'drift'), { envs: 1, files: 50, perFile: 100 });
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `\n## Drift at scale — ${repo.resources.toLocaleString('en')} resources in ${repo.manifestFiles.length} files (${mb(repo.manifestBytes)} MB) vs a ${mb(repo.snapshotBytes)} MB kubectl export, ${repo.injectedFields} drifted fields injected`,
    );
    const files = [...repo.manifestFiles, ...repo.snapshotFiles];
    const floorRuns = [0, 1, 2].map(() => runNode([path.join(__dirname, 'jsYamlFloor.js'), ...files], repo.dir));
    const driftRuns = [0, 1, 2].map(() => runNode([cli, 'drift', '--format', 'json'], repo.dir));
    const floor = best(floorRuns);
    const drift = best(driftRuns);

    // The answer must be the injected drift, every field with the line that sets it.
    const out = JSON.parse(driftRuns[0].stdout) as { environments: Array<{ resources: Array<{ drift: Array<{ line: number | null }> }> }> };
    const fields = out.environments[0].resources.flatMap((r) => r.drift);
    const located = fields.filter((f) => typeof f.line === 'number').length;
    const correct = driftRuns[0].status === 1 && fields.length === repo.injectedFields && located === fields.length;

    const ratio = drift.ms / floor.ms;
    printTable(
      ['', 'wall (best of 3)', 'peak RSS'],
      [
        ['js-yaml parse of the same bytes (floor)', `${(floor.ms / 1000).toFixed(2)} s`, `${floor.rssMb.toFixed(0)} MB`],
        ['youops drift --format json', `${(drift.ms / 1000).toFixed(2)} s`, `${drift.rssMb.toFixed(0)} MB`],
      ],
    );
    console.log(`drifted fields found: ${fields.length} of ${repo.injectedFields} injected, ${located} with a line: ${correct ? 'correct' : 'WRONG'}`);
    console.log(`ratio (youops drift / floor): ${ratio.toFixed(2)}×   target ≤ 2.0× and peak RSS ≤ 250 MB: ${ratio <= 2 && drift.rssMb <= 250 && correct ? 'MET' : 'NOT MET'}`);

    const editorRepo = await generateScaleRepo(path.join(work, 'editor'), { envs: 20, files: 5, perFile: 100 });
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'editorScenario.js'), editorRepo.dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`editor scenario failed: ${child.stderr}`);
    const e = JSON.parse(child.stdout) as EditorFigures;
    // The same bytes loaded by js-yaml on one thread: what the first evaluation reads, before comparing anything.
    const editorFloor = best([0, 1, 2].map(() => runNode([path.join(__dirname, 'jsYamlFloor.js'), ...editorRepo.manifestFiles, ...editorRepo.snapshotFiles], editorRepo.dir)));
    console.log(`\n## Editor at scale — ${editorRepo.envs.length} environments × ${editorRepo.resources / editorRepo.envs.length} resources (${mb(editorRepo.manifestBytes)} MB manifests, ${mb(editorRepo.snapshotBytes)} MB of exports), the store's core calls and cache`);
    printTable(
      ['', 'measured', 'target'],
      [
        ['first evaluation of every environment', `${e.firstMs.toFixed(0)} ms`, '≤ 1,500 ms'],
        ['  (its CPU time, user + system)', `${e.firstCpuMs.toFixed(0)} ms`, ''],
        ['  (of which the extension host thread was busy)', `${e.firstBusyMs.toFixed(0)} ms`, ''],
        ['  js-yaml parse of the same bytes, one thread', `${editorFloor.ms.toFixed(0)} ms`, ''],
        ['refresh with nothing changed', `${e.unchangedMs.toFixed(0)} ms`, 'near nothing'],
        ['save of one manifest → its drift and positions', `${e.saveMs.toFixed(1)} ms`, '≤ 100 ms'],
        ['heap holding every environment', `${e.heapMb.toFixed(0)} MB`, '≤ 200 MB'],
      ],
    );
    console.log(`drifted fields: ${e.drifted} (${e.savedFileDrifted} located in the saved file)   targets: ${e.firstMs <= 1500 && e.saveMs <= 100 && e.heapMb <= 200 ? 'MET' : 'NOT MET'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
