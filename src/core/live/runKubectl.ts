import * as os from 'node:os';
import * as path from 'node:path';
import { LiveStateError } from './provider';
import { describeExit, runProcess, withStderr } from './runProcess';

export const DEFAULT_KUBECTL_CALL_TIMEOUT_MS = 30_000;

export interface KubectlCallOptions {
  /** Program to run; default `kubectl` from PATH. */
  kubectlPath?: string;
  /** Absolute path, or relative to cwd; `~/` expands. Default: kubectl's own (KUBECONFIG, ~/.kube/config). */
  kubeconfig?: string;
  context?: string;
  cwd: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** What one kubectl call printed; `failure` describes a non-zero exit with the end of stderr. */
export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
  failure?: string;
}

/**
 * Runs kubectl with the user's kubeconfig and context, kubectl's own request timeout and a
 * kill timer behind it. Callers that can recover from a failure (an unknown resource type)
 * read `failure`; the others use runKubectl.
 */
export async function execKubectl(args: string[], label: string, options: KubectlCallOptions): Promise<KubectlResult> {
  const { kubeconfig, context, cwd, env, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_KUBECTL_CALL_TIMEOUT_MS;
  const program = options.kubectlPath || 'kubectl';
  // `--flag=value` so a value starting with `-` (e.g. from youops.yaml) cannot become another flag.
  const fullArgs = [
    ...(kubeconfig ? [`--kubeconfig=${resolveHome(kubeconfig, cwd)}`] : []),
    ...(context ? [`--context=${context}`] : []),
    `--request-timeout=${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
    ...args,
  ];
  const result = await runProcess({
    provider: 'kubectl',
    program,
    args: fullArgs,
    label,
    cwd,
    env,
    signal,
    timeoutMs: timeoutMs + 5_000, // kubectl's own --request-timeout should fire first, with a better message
    notFoundMessage: `kubectl not found at "${program}" (install kubectl or set youops.kubectl.path)`,
  });
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, failure: result.code !== 0 ? withStderr(describeExit(label, result), result.stderr) : undefined };
}

/**
 * One kubectl call that must succeed: its stdout, or a LiveStateError naming the call with the
 * end of stderr (where kubectl says "Unable to connect to the server", "context … does not exist").
 */
export async function runKubectl(args: string[], label: string, options: KubectlCallOptions): Promise<string> {
  const result = await execKubectl(args, label, options);
  if (result.failure) throw new LiveStateError('kubectl', result.failure);
  return result.stdout;
}

/** `~/x` → home; relative → against cwd. */
export function resolveHome(p: string, cwd: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.resolve(cwd, p);
}
