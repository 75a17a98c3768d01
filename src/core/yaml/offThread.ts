import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { contentDigest, type DigestedRead } from '../files/parsedFileCache';
import { FileRefusedError, readBoundedText, type FileLimit } from '../files/readBounded';
import { readYamlValues, startsLikeJson, type YamlValues } from './readYaml';

/** Smaller texts are read on the calling thread: a worker round trip would cost more than it saves. */
const OFF_THREAD_MIN_CHARS = 256 * 1024;
/** An idle worker is stopped after this long, giving its heap back. */
const IDLE_MS = 10_000;

/** A file to read (bounded, confined to `root`), digest, and parse unless its digest is `knownDigest`. */
export interface YamlFileRead {
  file: string;
  /** Its size as the caller's stat saw it: small files are read on the calling thread. */
  size: number;
  limit: FileLimit;
  root?: string;
  knownDigest?: string;
}

export type TextJob = { id: number; text: string };
export type FileJob = { id: number } & Omit<YamlFileRead, 'size'>;
/**
 * A worker's answer: the values as JSON; or the text for this thread to read (JSON input, or
 * values JSON cannot carry); or that the file is unchanged; or why it could not be read. No
 * `json`, `text`, `unchanged` or `error` (a text job it could not carry): read it here.
 */
export interface WorkerAnswer {
  id: number;
  json?: string;
  text?: string;
  digest?: string;
  unchanged?: true;
  error?: string;
  /** FileRefusedError's reason, when that is what `error` was. */
  refused?: string;
}

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
 * Starts a worker now, so that it has loaded its reader by the time the first large text comes
 * (a worker takes about 0.2 s to start; the caller is about to read a config and its desired
 * state meanwhile). Idle workers stop by themselves.
 */
export function warmOffThreadReading(): void {
  if (enabled) pool()?.warm();
}

/**
 * readYamlValues, off the calling thread for large texts (multi-megabyte live exports): the
 * extension host stays responsive while they are read, and on a machine with a second core the
 * desired state is read at the same time. Same values, same problems; falls back to the calling
 * thread wherever a worker cannot run or cannot carry the result.
 */
export async function readYamlValuesOffThread(text: string): Promise<YamlValues> {
  // JSON (kubectl -o json) is parsed fastest where it is.
  if (!enabled || text.length < OFF_THREAD_MIN_CHARS || startsLikeJson(text)) return readYamlValues(text);
  const json = (await pool()?.run({ text }))?.json;
  if (json === undefined) return readYamlValues(text);
  offThreadStats.reads++;
  return JSON.parse(json) as YamlValues;
}

/**
 * A YAML file's digest and, unless it is `knownDigest`, its values (readYamlValues). A large
 * file is read, digested and parsed in a worker: its text never reaches this thread, and the
 * job is handed over as soon as the file is known, not when this thread has read it.
 */
export async function readYamlFileOffThread(read: YamlFileRead): Promise<DigestedRead<YamlValues>> {
  const { file, limit, root, knownDigest } = read;
  const answer = enabled && read.size >= OFF_THREAD_MIN_CHARS ? await pool()?.run({ file, limit, root, knownDigest }) : undefined;
  if (answer?.error !== undefined) throw answer.refused !== undefined ? new FileRefusedError(file, answer.refused) : new Error(answer.error);
  if (answer?.digest !== undefined) {
    offThreadStats.reads++;
    if (answer.unchanged) return { digest: answer.digest, unchanged: true };
    if (answer.json !== undefined) return { digest: answer.digest, value: JSON.parse(answer.json) as YamlValues };
  }
  // No worker, or one that answered with the text, or died on the job: read here.
  const text = answer?.text ?? (await readBoundedText(file, limit, root));
  const digest = answer?.digest ?? contentDigest(text);
  return digest === knownDigest ? { digest, unchanged: true } : { digest, value: readYamlValues(text) };
}

/**
 * Workers with the jobs given to each. A job goes to a worker at once, to the one with the fewest
 * in flight: the worker's own message queue holds it, so the next one starts when the last is
 * done, not when this thread, busy with other work, gets to the answer.
 */
class WorkerPool {
  private readonly workers = new Map<Worker, Map<number, (answer: WorkerAnswer | undefined) => void>>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  /** The worker's answer; undefined when no worker could take the job or it died on it. */
  run(job: Omit<TextJob, 'id'> | Omit<FileJob, 'id'>): Promise<WorkerAnswer | undefined> {
    return new Promise((resolve) => {
      const worker = this.leastBusy();
      if (!worker) return resolve(undefined);
      const jobs = this.workers.get(worker)!;
      const id = this.nextId++;
      jobs.set(id, (answer) => {
        jobs.delete(id);
        if (jobs.size === 0) {
          worker.unref();
          this.scheduleStop();
        }
        resolve(answer);
      });
      worker.ref(); // a read in flight keeps the process alive until it answers
      worker.postMessage({ ...job, id });
      offThreadStats.handed++;
    });
  }

  /** One worker started ahead of the first job, unless one runs; stopped like any idle worker. */
  warm(): void {
    if (this.workers.size === 0 && this.spawn()) this.scheduleStop();
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
    const jobs = new Map<number, (answer: WorkerAnswer | undefined) => void>();
    this.workers.set(worker, jobs);
    worker.on('message', (m: WorkerAnswer) => jobs.get(m.id)?.(m));
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
