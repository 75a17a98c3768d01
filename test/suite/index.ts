import { runTestsIn } from './mochaRunner';

/**
 * Entry point the extension host loads as extensionTestsPath (code-server here,
 * desktop VS Code through .vscode-test.mjs): runs every *.test.js beside it.
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname, 'extension');
}
