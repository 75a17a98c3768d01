import { runTestsIn } from '../suite/mochaRunner';

/**
 * Entry point of the second extension-host pass (`runExtensionTests --suite untrusted`):
 * Workspace Trust is on and the folder is not trusted. Runs every *.test.js beside it.
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname, 'untrusted-workspace extension');
}
