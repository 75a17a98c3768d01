// Desktop VS Code (where the internet is reachable): `npm run test:desktop` runs the
// same extension-host suite as code-server does here, on a fresh copy of the demo repo.
import { defineConfig } from '@vscode/test-cli';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createDemoWorkspace } = require('./out/test/host/workspace.js');

export default defineConfig({
  files: 'out/test/suite/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: createDemoWorkspace(),
  mocha: { ui: 'bdd', timeout: 60000 },
});
