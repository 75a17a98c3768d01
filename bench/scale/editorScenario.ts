import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { loadConfigFile } from '../../src/core/config/loadConfig';
import { EvaluationCache } from '../../src/core/environments/evaluationCache';
import { evaluateEnvironment, type EvaluationContext } from '../../src/core/environments/evaluateEnvironment';
import type { EnvironmentState } from '../../src/core/environments/environmentState';
import { warmOffThreadReading } from '../../src/core/yaml/offThread';

/** What the editor scenario measured, in milliseconds and megabytes. */
export interface EditorFigures {
  firstMs: number;
  /** CPU time of the first evaluation (user + system): what other load on the machine does not inflate. */
  firstCpuMs: number;
  /** Of the first evaluation, how long this thread (the extension host's) was busy: what an editor feels. */
  firstBusyMs: number;
  unchangedMs: number;
  saveMs: number;
  heapMb: number;
  drifted: number;
  savedFileDrifted: number;
}

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

/**
 * The extension's work on a large repository, through the same core calls and cache the store
 * uses: the first evaluation of every environment at once, a refresh that changes nothing, and
 * a save of one manifest (that environment only, its live state and history reused) up to the
 * positions its decorations and lens need. Run in a child process with --expose-gc so the heap
 * figure is what the evaluated state holds.
 */
export async function editorScenario(dir: string): Promise<EditorFigures> {
  warmOffThreadReading(); // as the store does when it finds a config
  const { config } = await loadConfigFile(path.join(dir, 'youops.yaml'));
  if (!config) throw new Error('the generated youops.yaml did not load');
  const cache = new EvaluationCache();
  const ctx: EvaluationContext = { rootDir: dir, trusted: true, cache };
  const evaluateAll = (reuse?: EvaluationContext['reuse']) => Promise.all(config.environments.map((env) => evaluateEnvironment(env, config, { ...ctx, reuse })));

  let start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  let states: EnvironmentState[] = await evaluateAll();
  const firstMs = ms(start);
  const firstCpuMs = cpuMs(cpu);
  const firstBusyMs = performance.eventLoopUtilization(loop).active;
  const drifted = states.reduce((n, s) => n + s.drift.resources.reduce((m, r) => m + r.fields.length, 0), 0);

  // The interval refresh: live state asked again (the exports did not change), history kept.
  start = process.hrtime.bigint();
  states = await evaluateAll({ history: true });
  const unchangedMs = ms(start);

  // A person fixes one drifted value in one file of one environment and saves.
  const env = config.environments[4];
  const file = path.join(dir, 'envs', env.name, 'resources-002.yaml');
  const text = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, text.replace(/replicas: (\d+)/, (_, n: string) => `replicas: ${Number(n) + 1}`));
  start = process.hrtime.bigint();
  const saved = await evaluateEnvironment(env, config, { ...ctx, reuse: { live: true, history: true } }); // what a save does
  let savedFileDrifted = 0;
  for (const r of saved.drift.resources) {
    if (r.resource?.file !== file) continue;
    void r.resource.range; // the lens line
    for (const f of r.fields) if (f.location) savedFileDrifted++;
  }
  const saveMs = ms(start);
  states[4] = saved;

  (global as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  if (states.length !== config.environments.length) throw new Error('lost an environment');
  return { firstMs, firstCpuMs, firstBusyMs, unchangedMs, saveMs, heapMb, drifted, savedFileDrifted };
}

if (require.main === module) {
  editorScenario(process.argv[2]).then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
