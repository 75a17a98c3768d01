import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, printTable } from '../benchUtil';
import { generateCorpus } from './validationCorpus';

const ROOT = path.resolve(__dirname, '../../..');
const RUNS = 5;

/**
 * Issue 13's CI benchmark, side by side with kubeconform (strict, Kubernetes 1.36 schemas and the
 * same CRDs): both as command-line programs, end to end (process start, reading, validating,
 * printing JSON), on ~600 real-style files; median of RUNS wall times each, and whether both flag
 * the same files. Skips with a line when the kubeconform binary is not there (it is not shipped).
 */
export async function run(): Promise<void> {
  const peer = findPeer();
  if (!peer) {
    console.log('\nkubeconform comparison: SKIPPED — no shared/peers/kubeconform/kubeconform above this checkout (set YOUOPS_KUBECONFORM_DIR to its folder)');
    return;
  }
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js missing: run node scripts/build.mjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'youops-kubeconform-bench-'));
  try {
    const files = generateCorpus(600, 13);
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.text);
    }
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    const schemas = mkdtempSync(path.join(os.tmpdir(), 'youops-kubeconform-schemas-'));
    execFileSync('tar', ['-xzf', path.join(peer.dir, 'kubernetes-1.36-standalone-strict.tgz'), '-C', schemas]);
    const kubeconformArgs = [
      '-strict',
      '-summary',
      '-n',
      '2',
      '-output',
      'json',
      '-schema-location',
      path.join(schemas, 'master-standalone-strict', '{{.ResourceKind}}{{.KindSuffix}}.json'),
      '-schema-location',
      path.join(peer.crds, '{{.Group}}_{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
      path.join(dir, 'manifests'),
    ];
    const youopsArgs = [cli, 'validate', 'manifests', '--format', 'json'];

    // CPU time (user + system, from /usr/bin/time when present) is the steadier figure on a busy machine.
    const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
    const cpuFile = path.join(dir, 'cpu.txt');
    const time = (cmd: string, args: string[], cwd: string) => {
      const t0 = performance.now();
      const r = gnuTime
        ? spawnSync(gnuTime, ['-f', '%U %S', '-o', cpuFile, cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
        : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const ms = performance.now() - t0;
      const cpu = gnuTime ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).reduce((n, x) => n + Number(x) * 1000, 0) : NaN;
      return { ms, cpu, stdout: r.stdout, status: r.status };
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    const oursCpu: number[] = [];
    const theirsCpu: number[] = [];
    let lastOurs = '';
    let lastTheirs = '';
    for (let i = 0; i < RUNS; i++) {
      // Alternate, so that load from the rest of the machine falls on both alike.
      const a = time(process.execPath, youopsArgs, dir);
      const b = time(peer.binary, kubeconformArgs, dir);
      ours.push(a.ms);
      theirs.push(b.ms);
      oursCpu.push(a.cpu);
      theirsCpu.push(b.cpu);
      lastOurs = a.stdout;
      lastTheirs = b.stdout;
    }
    const oursFlagged = new Set<string>(
      (JSON.parse(lastOurs) as { files: Array<{ file: string; diagnostics: Array<{ severity: string }> }> }).files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).map((f) => f.file),
    );
    const theirsFlagged = new Set<string>(
      (JSON.parse(lastTheirs) as { resources?: Array<{ filename: string; status: string }> }).resources
        ?.filter((r) => r.status === 'statusInvalid' || r.status === 'statusError')
        .map((r) => path.relative(dir, r.filename).split(path.sep).join('/')) ?? [],
    );
    const injected = new Set(files.filter((f) => f.injected).map((f) => f.name));
    const m = (xs: number[]) => median(xs);
    console.log(`\nLoad average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    console.log(`kubeconform comparison: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${injected.size} with an injected error; each side run ${RUNS}× as a CLI, median wall time`);
    printTable(
      ['', 'youops validate', 'kubeconform -strict', 'ratio'],
      [
        ['end to end, whole corpus', `${m(ours).toFixed(0)} ms`, `${m(theirs).toFixed(0)} ms`, `${(m(theirs) / m(ours)).toFixed(2)}×`],
        ['CPU time (user + system)', `${m(oursCpu).toFixed(0)} ms`, `${m(theirsCpu).toFixed(0)} ms`, `${(m(theirsCpu) / m(oursCpu)).toFixed(2)}×`],
        ['files/s', (files.length / (m(ours) / 1000)).toFixed(0), (files.length / (m(theirs) / 1000)).toFixed(0), ''],
        ['files with errors', String(oursFlagged.size), String(theirsFlagged.size), ''],
      ],
    );
    const onlyOurs = [...oursFlagged].filter((f) => !theirsFlagged.has(f));
    const onlyTheirs = [...theirsFlagged].filter((f) => !oursFlagged.has(f));
    const missedInjected = [...injected].filter((f) => !oursFlagged.has(f));
    console.log(`Same invalid files: ${onlyOurs.length === 0 && onlyTheirs.length === 0 ? 'yes' : `no — only youops: ${onlyOurs.slice(0, 5).join(', ') || 'none'}; only kubeconform: ${onlyTheirs.slice(0, 5).join(', ') || 'none'}`}`);
    const checks: Array<[string, boolean]> = [
      [`≥ 2.0× kubeconform end to end (${(m(theirs) / m(ours)).toFixed(2)}×)`, m(theirs) >= 2 * m(ours)],
      [`same invalid files as kubeconform (${oursFlagged.size} / ${theirsFlagged.size})`, onlyOurs.length === 0 && onlyTheirs.length === 0],
      [`every injected error found (${injected.size - missedInjected.length}/${injected.size})`, missedInjected.length === 0],
    ];
    for (const [label, ok] of checks) console.log(`${ok ? 'MET    ' : 'NOT MET'}  ${label}`);
    rmSync(schemas, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** kubeconform and its data: `$YOUOPS_KUBECONFORM_DIR`, or shared/peers/kubeconform in a folder above the checkout. */
function findPeer(): { dir: string; binary: string; crds: string } | undefined {
  const candidates = process.env.YOUOPS_KUBECONFORM_DIR ? [process.env.YOUOPS_KUBECONFORM_DIR] : [];
  for (let d = ROOT; path.dirname(d) !== d; d = path.dirname(d)) candidates.push(path.join(path.dirname(d), 'shared', 'peers', 'kubeconform'));
  for (const dir of candidates) {
    const binary = path.join(dir, 'kubeconform');
    const crds = path.resolve(dir, '..', '..', 'upstream-schemas', 'crds');
    if (existsSync(binary) && existsSync(path.join(dir, 'kubernetes-1.36-standalone-strict.tgz'))) return { dir, binary, crds };
  }
  return undefined;
}

if (require.main === module) void run();
