import * as path from 'node:path';
import { LiveStateError, type LiveFetchRequest, type LiveState, type LiveStateProvider } from './provider';
import { parseLiveObjects } from './parseLiveObjects';
import { describeExit, runProcess, withStderr } from './runProcess';

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

export interface CommandProviderOptions {
  argv: string[];
  cwd: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a team script that prints live objects as YAML/JSON documents. No shell:
 * argv goes straight to the OS, so nothing in youops.yaml is re-interpreted.
 */
export class CommandProvider implements LiveStateProvider {
  readonly name = 'command';

  constructor(private readonly options: CommandProviderOptions) {
    if (options.argv.length === 0) throw new LiveStateError('command', 'command live source has an empty argv');
  }

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const { argv, cwd, env } = this.options;
    // A relative program path (`./scripts/export.sh`) means relative to the config folder.
    const program = argv[0].includes('/') || argv[0].includes('\\') ? path.resolve(cwd, argv[0]) : argv[0];
    const label = `"${argv.join(' ')}"`;
    const result = await runProcess({
      provider: this.name,
      program,
      args: argv.slice(1),
      label,
      cwd,
      env,
      signal: request.signal,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      notFoundMessage: `program "${argv[0]}" not found`,
    });
    if (result.code !== 0) throw new LiveStateError(this.name, withStderr(describeExit(label, result), result.stderr));
    const parsed = await parseLiveObjects(result.stdout, `output of ${label}`);
    if (parsed.error) throw new LiveStateError(this.name, `command printed invalid YAML/JSON: ${parsed.error}`);
    return { objects: parsed.objects, complete: true, fetchedAt: new Date() };
  }
}
