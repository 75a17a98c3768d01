import { parentPort } from 'node:worker_threads';
import { readYamlValues } from './readYaml';

/**
 * The worker behind readYamlValuesOffThread: reads YAML by the layer's rules and answers with
 * JSON text, which the caller's thread parses several times faster than the YAML. Values JSON
 * cannot carry (go-yaml's .nan and .inf) are left to the caller.
 */
const NON_FINITE = /\.(?:nan|inf)\b/i;

parentPort?.on('message', (job: { id: number; text: string }) => {
  let json: string | undefined;
  try {
    json = NON_FINITE.test(job.text) ? undefined : JSON.stringify(readYamlValues(job.text));
  } catch {
    json = undefined;
  }
  parentPort!.postMessage({ id: job.id, json });
});
