import { readFileSync } from 'node:fs';
import * as jsyaml from 'js-yaml';

/**
 * The parse floor of the scale bench: read the given files and load every YAML document with
 * js-yaml, nothing else. Run as its own process, like the CLI it is compared with.
 */
if (require.main === module) {
  let documents = 0;
  for (const file of process.argv.slice(2)) documents += jsyaml.loadAll(readFileSync(file, 'utf8')).length;
  process.stdout.write(String(documents));
}
