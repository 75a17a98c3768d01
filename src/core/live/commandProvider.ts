import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { LiveStateError, type LiveFetchRequest, type LiveState, type LiveStateProvider } from './provider';
import { parseLiveObjects } from './parseLiveObjects';

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
/** Guards memory against a runaway command; real exports are far smaller. */
const MAX_STDOUT_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL_LINES = 5;

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
    const { stdout, label } = await this.run(request.signal);
    const parsed = parseLiveObjects(stdout, `output of ${label}`);
    if (parsed.error) throw new LiveStateError(this.name, `command printed invalid YAML/JSON: ${parsed.error}`);
    return { objects: parsed.objects, complete: true, fetchedAt: new Date() };
  }

  private run(signal?: AbortSignal): Promise<{ stdout: string; label: string }> {
    const { argv, cwd, env } = this.options;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    // A relative program path (`./scripts/export.sh`) means relative to the config folder.
    const program = argv[0].includes('/') || argv[0].includes('\\') ? path.resolve(cwd, argv[0]) : argv[0];
    const label = `"${argv.join(' ')}"`;

    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new LiveStateError(this.name, `${label} was cancelled`));
      // Own process group on POSIX so a timeout also stops the script's children.
      const detached = process.platform !== 'win32';
      const child = spawn(program, argv.slice(1), { cwd, env: env ?? process.env, shell: false, detached, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let failure: string | undefined;
      let settled = false;

      const kill = (reason: string): void => {
        failure ??= reason;
        try {
          if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => kill(`${label} timed out after ${formatMs(timeoutMs)}`), timeoutMs);
      const onAbort = (): void => kill(`${label} was cancelled`);
      signal?.addEventListener('abort', onAbort, { once: true });

      const finish = (error?: LiveStateError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve({ stdout: Buffer.concat(out).toString('utf8'), label });
      };

      child.stdout.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > MAX_STDOUT_BYTES) kill(`${label} printed more than ${MAX_STDOUT_BYTES / 1024 / 1024} MB`);
        else out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err = (err + chunk.toString('utf8')).slice(-16 * 1024);
      });
      child.on('error', (e: NodeJS.ErrnoException) => {
        const why = e.code === 'ENOENT' ? `program "${argv[0]}" not found` : e.message;
        finish(new LiveStateError(this.name, `cannot run ${label}: ${why}`));
      });
      // 'close' waits for the pipes; after a kill, grandchildren may hold them open, so use 'exit' then.
      const onDone = (code: number | null, sig: NodeJS.Signals | null): void => {
        if (failure) return finish(new LiveStateError(this.name, withStderr(failure, err)));
        if (code !== 0) {
          const how = code === null ? `was killed by ${sig}` : `exited with code ${code}`;
          return finish(new LiveStateError(this.name, withStderr(`${label} ${how}`, err)));
        }
        finish();
      };
      child.on('exit', (code, sig) => {
        if (failure) onDone(code, sig);
      });
      child.on('close', onDone);
    });
  }
}

function withStderr(message: string, stderr: string): string {
  const tail = stderr.trimEnd().split(/\r?\n/).slice(-STDERR_TAIL_LINES).join('\n').trim();
  return tail ? `${message}:\n${tail}` : message;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
