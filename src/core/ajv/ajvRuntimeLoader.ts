import * as path from 'node:path';

/**
 * ajvRuntime.js beside this code (compiled for tests, or bundled into dist/), loaded on first use:
 * a computed path keeps bundlers from inlining ajv into the extension and the CLI, which then
 * parse it only when a schema has to be compiled at run time.
 */
export function ajvRuntime(): typeof import('./ajvRuntime') {
  const file = path.join(__dirname, 'ajvRuntime.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}
