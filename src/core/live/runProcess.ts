import { spawn } from 'node:child_process';
import { LiveStateError } from './provider';

/** Guards memory against a runaway process; real exports are far smaller. */
const MAX_STDOUT_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL_LINES = 5;

export interface RunProcessOptions {
  /** Provider name for errors. */
  provider: string;
  program: string;
  args: string[];
  /** How the process is named in messages, e.g. `"./export.sh --all"`. */
  label: string;
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Message when the program does not exist; default `program "<program>" not found`. */
  notFoundMessage?: string;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** null when killed by a signal */
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a program without a shell and collects its output. Resolves on any exit code
 * (callers decide what failure means); rejects with LiveStateError on spawn errors,
 * timeout, cancellation or oversized output, after killing the whole process group.
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const { provider, program, args, label, cwd, env, signal, timeoutMs } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LiveStateError(provider, `${label} was cancelled`));
    // Own process group on POSIX so a timeout also stops the program's children.
    const detached = process.platform !== 'win32';
    const child = spawn(program, args, { cwd, env: env ?? process.env, shell: false, detached, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
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

    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
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
      const why = e.code === 'ENOENT' ? (options.notFoundMessage ?? `program "${program}" not found`) : e.message;
      settle(() => reject(new LiveStateError(provider, `cannot run ${label}: ${why}`)));
    });
    // 'close' waits for the pipes; after a kill, grandchildren may hold them open, so use 'exit' then.
    const onDone = (code: number | null, sig: NodeJS.Signals | null): void =>
      settle(() => {
        if (failure) reject(new LiveStateError(provider, withStderr(failure, err)));
        else resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: err, code, signal: sig });
      });
    child.on('exit', (code, sig) => {
      if (failure) onDone(code, sig);
    });
    child.on('close', onDone);
  });
}

/** `label exited with code 3` / `label was killed by SIGTERM`. */
export function describeExit(label: string, result: ProcessResult): string {
  return result.code === null ? `${label} was killed by ${result.signal}` : `${label} exited with code ${result.code}`;
}

/** A message followed by the last lines of stderr, where the real reason usually is. */
export function withStderr(message: string, stderr: string): string {
  const tail = stderr.trimEnd().split(/\r?\n/).slice(-STDERR_TAIL_LINES).join('\n').trim();
  return tail ? `${message}:\n${tail}` : message;
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
