import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * What an extension-host entry point (extensionTestsPath) runs: every *.test.js in `dir`,
 * filtered by YOUOPS_TEST_GREP; rejects naming `what` when any test fails.
 */
export function runTestsIn(dir: string, what: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.YOUOPS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} ${what} test(s) failed`)) : resolve()));
  });
}
