import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readYamlValues, type YamlProblem } from './readYaml';

/** Smaller texts are read on the calling thread: a worker round trip would cost more than it saves. */
const OFF_THREAD_MIN_CHARS = 256 * 1024;
/** An idle worker is stopped after this long, giving its heap back. */
const IDLE_MS = 10_000;

type Values = { values: unknown[]; problems: YamlProblem[] };

/** How many texts a worker read, and how many were handed to one (for tests and the bench: proof the work left the thread). */
export const offThreadStats = { reads: 0, handed: 0 };

let enabled = true;

/**
 * Whether large texts go to a worker (the default: an editor's thread stays responsive). A
 * one-shot CLI turns it off: handing the values back (JSON) and the worker's own heap cost more
 * than the second core saves (`youops drift` on 5,000 resources: 1.6 s and 290 MB peak RSS with
 * the worker, 1.4 s and 200 MB without).
 */
export function setOffThreadReading(on: boolean): void {
  enabled = on;
}

/**
 * readYamlValues, off the calling thread for large texts (multi-megabyte live exports): the
 * extension host stays responsive while they are read, and on a machine with a second core the
 * desired state is read at the same time. Same values, same problems; falls back to the calling
 * thread wherever a worker cannot run or cannot carry the result.
 */
export async function readYamlValuesOffThread(text: string): Promise<Values> {
  // JSON (kubectl -o json) is parsed fastest where it is.
  if (!enabled || text.length < OFF_THREAD_MIN_CHARS || /^\s*[[{]/.test(text.slice(0, 64))) return readYamlValues(text);
  const json = await pool()?.run(text);
  if (json === undefined) return readYamlValues(text);
  offThreadStats.reads++;
  return JSON.parse(json) as Values;
}

/**
 * Workers with the jobs given to each. A job goes to a worker at once, to the one with the fewest
 * in flight: the worker's own message queue holds it, so the next one starts when the last is
 * done, not when this thread, busy with other work, gets to the answer.
 */
class WorkerPool {
  private readonly workers = new Map<Worker, Map<number, (json: string | undefined) => void>>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  run(text: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const worker = this.leastBusy();
      if (!worker) return resolve(undefined);
      const jobs = this.workers.get(worker)!;
      const id = this.nextId++;
      jobs.set(id, (json) => {
        jobs.delete(id);
        if (jobs.size === 0) {
          worker.unref();
          this.scheduleStop();
        }
        resolve(json);
      });
      worker.ref(); // a read in flight keeps the process alive until it answers
      worker.postMessage({ id, text });
      offThreadStats.handed++;
    });
  }

  /** An idle worker, else a new one while the pool has room, else the one with the fewest jobs. */
  private leastBusy(): Worker | undefined {
    let best: Worker | undefined;
    let fewest = Infinity;
    for (const [worker, jobs] of this.workers) if (jobs.size < fewest) [best, fewest] = [worker, jobs.size];
    if (best && (fewest === 0 || this.workers.size >= this.size)) return best;
    return this.spawn() ?? best;
  }

  private spawn(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.script);
    } catch {
      return undefined;
    }
    const jobs = new Map<number, (json: string | undefined) => void>();
    this.workers.set(worker, jobs);
    worker.on('message', (m: { id: number; json?: string }) => jobs.get(m.id)?.(m.json));
    // A worker that dies answers its jobs with "read it yourself".
    const fail = () => {
      this.workers.delete(worker);
      for (const done of [...jobs.values()]) done(undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    // An idle worker never keeps a CLI process alive (after the listeners: adding one refs the worker again).
    worker.unref();
    return worker;
  }

  private scheduleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      for (const [worker, jobs] of this.workers) {
        if (jobs.size > 0) continue;
        this.workers.delete(worker);
        void worker.terminate();
      }
    }, IDLE_MS);
    this.idleTimer.unref();
  }
}

let shared: WorkerPool | null | undefined;

/** One pool per process, of one worker less than the cores (at least one); none where the worker script is not shipped. */
function pool(): WorkerPool | undefined {
  if (shared === undefined) {
    const script = path.join(__dirname, 'yamlWorker.js');
    shared = existsSync(script) ? new WorkerPool(script, Math.max(1, Math.min(2, availableParallelism() - 1))) : null;
  }
  return shared ?? undefined;
}
