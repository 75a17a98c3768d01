import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printTable } from '../benchUtil';
import { generateBigFile, generateCorpus } from './validationCorpus';
import type { WorkerInput, WorkerOutput } from './validationWorker';

/**
 * Issue 4's validation benchmark, side by side with yaml-language-server 1.25 (its programmatic
 * language service) given the same generated schemas: files/s, MB/s, per-edit median/p95 on a
 * 10,000-line file, first validation of a 50,000-line file, cold start, peak RSS, and whether
 * both find the same injected errors. Each side runs in its own process.
 */
export async function run(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'youops-validation-bench-'));
  const files = generateCorpus();
  const input: WorkerInput = {
    files: files.map((f) => ({ name: f.name, text: f.text })),
    small: files[0].text,
    big10k: generateBigFile(10_000),
    big50k: generateBigFile(50_000),
    ylsSchema: writeYlsSchema(path.join(root, 'schemas', 'generated'), dir),
    youopsBundle: bundleCore(root),
  };
  const corpusFile = path.join(dir, 'corpus.json');
  writeFileSync(corpusFile, JSON.stringify(input));
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const documents = files.reduce((n, f) => n + f.text.split(/^---$/m).length, 0);
  const injected = files.filter((f) => f.injected);
  console.log(`\nLoad average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (timings are noisy on a busy machine)`);
  console.log(`Validation: ${files.length} files, ${documents} documents, ${(bytes / 1e6).toFixed(1)} MB, ${injected.length} with an injected error (${((injected.length / files.length) * 100).toFixed(1)}%)`);

  const worker = path.join(__dirname, 'validationWorker.js');
  const runSide = (side: string): WorkerOutput =>
    JSON.parse(execFileSync(process.execPath, [worker, side, corpusFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] }));
  const yls = runSide('yls');
  const ours = runSide('youops');

  const fps = (o: WorkerOutput) => files.length / (o.corpusMs / 1000);
  const first = (o: WorkerOutput) => files.length / (o.firstPassMs / 1000);
  const mbps = (o: WorkerOutput) => bytes / 1e6 / (o.corpusMs / 1000);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  printTable(
    ['', 'youops', 'yaml-language-server', 'ratio'],
    [
      ['corpus files/s, 1st pass (compiles)', first(ours).toFixed(0), first(yls).toFixed(0), ratio(first(ours), first(yls))],
      ['corpus files/s, steady state', fps(ours).toFixed(0), fps(yls).toFixed(0), ratio(fps(ours), fps(yls))],
      ['corpus MB/s', mbps(ours).toFixed(2), mbps(yls).toFixed(2), ratio(mbps(ours), mbps(yls))],
      ['small file (warm, median)', ms(ours.smallMs), ms(yls.smallMs), ratio(yls.smallMs, ours.smallMs)],
      ['cold start + first validation', ms(ours.coldStartMs), ms(yls.coldStartMs), ratio(yls.coldStartMs, ours.coldStartMs)],
      ['10k-line file, per edit median', ms(ours.editMedianMs), ms(yls.editMedianMs), ratio(yls.editMedianMs, ours.editMedianMs)],
      ['10k-line file, per edit p95', ms(ours.editP95Ms), ms(yls.editP95Ms), ratio(yls.editP95Ms, ours.editP95Ms)],
      ['50k-line file, first validation', ms(ours.big50kMs), ms(yls.big50kMs), ratio(yls.big50kMs, ours.big50kMs)],
      ['peak RSS', `${ours.peakRssMb.toFixed(0)} MB`, `${yls.peakRssMb.toFixed(0)} MB`, ''],
    ],
  );

  // Findings on the injected errors: same files flagged, same lines?
  let same = 0;
  const disagreements: string[] = [];
  for (const f of injected) {
    const a = ours.errors[f.name] ?? [];
    const b = yls.errors[f.name] ?? [];
    if (a.length && JSON.stringify(a) === JSON.stringify(b)) same++;
    else disagreements.push(`  ${f.name} (${f.injected}): youops lines ${JSON.stringify(a)}, yaml-language-server lines ${JSON.stringify(b)}`);
  }
  const falsePositives = (o: WorkerOutput) => Object.keys(o.errors).filter((n) => !files.find((f) => f.name === n)?.injected).length;
  console.log(`Injected errors: both report the same line(s) for ${same}/${injected.length}; files flagged without an injected error: youops ${falsePositives(ours)}, yaml-language-server ${falsePositives(yls)}`);
  disagreements.slice(0, 10).forEach((d) => console.log(d));

  const checks: Array<[string, boolean]> = [
    [`≥ 10× the peer's files/s (${ratio(fps(ours), fps(yls))})`, fps(ours) >= 10 * fps(yls)],
    [`≤ 20 ms median per edit on the 10k-line file (${ms(ours.editMedianMs)})`, ours.editMedianMs <= 20],
    [`≤ 50 ms p95 per edit (${ms(ours.editP95Ms)})`, ours.editP95Ms <= 50],
    [`peak RSS ≤ 150 MB (${ours.peakRssMb.toFixed(0)} MB)`, ours.peakRssMb <= 150],
    [`cold start + first validation ≤ 100 ms (${ms(ours.coldStartMs)})`, ours.coldStartMs <= 100],
    [`same findings as the peer on injected errors (${same}/${injected.length})`, disagreements.length === 0],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'MET    ' : 'NOT MET'}  ${label}`);
}

/** src/core/validation bundled the way scripts/build.mjs bundles the product (the precompiled validators stay apart, in dist/validators). */
function bundleCore(root: string): string {
  const outfile = path.join(root, 'out', 'bench', 'validation', 'youopsValidation.bundle.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const bundle = (entry: string, out: string) =>
    esbuild.buildSync({ entryPoints: [path.join(root, 'src', 'core', entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning' });
  bundle('validation/index.ts', outfile);
  bundle('ajv/ajvRuntime.ts', path.join(path.dirname(outfile), 'ajvRuntime.js'));
  return outfile;
}

/**
 * yaml-language-server picks one schema per file, not per kind: give it the same generated
 * definitions behind an if/then per apiVersion/kind, so each document meets its kind's schema.
 */
function writeYlsSchema(generated: string, dir: string): string {
  const index = JSON.parse(readFileSync(path.join(generated, 'index.json'), 'utf8')) as { kinds: Record<string, { file: string; def: string }> };
  const definitions: Record<string, unknown> = {};
  for (const f of readdirSync(generated).filter((n) => n.endsWith('.json') && n !== 'index.json')) {
    Object.assign(definitions, JSON.parse(readFileSync(path.join(generated, f), 'utf8')).definitions);
  }
  const allOf = Object.entries(index.kinds).map(([key, { def }]) => {
    const kind = key.slice(key.lastIndexOf('/') + 1);
    const apiVersion = key.slice(0, key.lastIndexOf('/'));
    return { if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] }, then: { $ref: `#/definitions/${def}` } };
  });
  const file = path.join(dir, 'kubernetes-all.schema.json');
  writeFileSync(file, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', definitions, allOf }));
  return file;
}

if (require.main === module) void run();
