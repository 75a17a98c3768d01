import { parentPort } from 'node:worker_threads';
import { contentDigest } from '../files/parsedFileCache';
import { FileRefusedError, readBoundedText } from '../files/readBounded';
import type { FileJob, TextJob, WorkerAnswer } from './offThread';
import { readYamlValues, startsLikeJson } from './readYaml';

/**
 * The worker behind readYamlValuesOffThread and readYamlFileOffThread: reads YAML by the layer's
 * rules and answers with JSON text, which the caller's thread parses several times faster than
 * the YAML. A file job is read and digested here too, so that its text never crosses to the
 * caller unless the caller must read it: JSON (parsed fastest where it is used) and values JSON
 * cannot carry (go-yaml's .nan and .inf).
 */
const NON_FINITE = /\.(?:nan|inf)\b/i;

function valuesOf(text: string): { json?: string; text?: string } {
  if (startsLikeJson(text) || NON_FINITE.test(text)) return { text };
  return { json: JSON.stringify(readYamlValues(text)) };
}

async function answer(job: TextJob | FileJob): Promise<WorkerAnswer> {
  if ('text' in job) return { id: job.id, json: NON_FINITE.test(job.text) ? undefined : JSON.stringify(readYamlValues(job.text)) };
  try {
    const text = await readBoundedText(job.file, job.limit, job.root);
    const digest = contentDigest(text);
    return digest === job.knownDigest ? { id: job.id, digest, unchanged: true } : { id: job.id, digest, ...valuesOf(text) };
  } catch (e) {
    return { id: job.id, error: (e as Error).message, ...(e instanceof FileRefusedError ? { refused: e.reason } : {}) };
  }
}

parentPort?.on('message', (job: TextJob | FileJob) => {
  answer(job).then(
    (a) => parentPort!.postMessage(a),
    () => parentPort!.postMessage({ id: job.id }),
  );
});
