import { runCli } from '../../../src/cli/main';

/** Runs the CLI in-process and returns its exit code and what it printed. */
export async function runCliCaptured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}
