import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A shell script that only records that it ran (appends its arguments to `marker`):
 * tests that must prove a program was never started check that `marker` is absent.
 */
export function writeTrapScript(file: string, marker: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n# YouOps must never run this from an untrusted workspace.\necho "$0 $*" >> '${marker}'\n`, { mode: 0o755 });
  return file;
}
