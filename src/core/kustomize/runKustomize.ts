import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LiveStateError } from '../live/provider';
import { formatMs, runProcess } from '../live/runProcess';
import { KUSTOMIZE_INSTALL_HINT, type KustomizeTool } from './kustomizeTool';

export const DEFAULT_KUSTOMIZE_TIMEOUT_MS = 30_000;

/** Why a render did not produce objects. `unavailable`: no kustomize on this machine. */
export type KustomizeErrorKind = 'unavailable' | 'failed' | 'timeout' | 'cancelled';

export class KustomizeError extends Error {
  override readonly name = 'KustomizeError';

  constructor(
    readonly kind: KustomizeErrorKind,
    message: string,
    /** kustomize's own error messages, for placing them on the lines they name. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface RunKustomizeOptions {
  tool: KustomizeTool;
  /** The overlay (a folder with a kustomization), absolute. */
  dir: string;
  /** How the overlay is named in messages, e.g. `overlays/prod`. */
  label: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What a slow render is probably waiting on (remote bases), named when it times out. */
  waitsOn?: string[];
  /** Ask for origin and transformer annotations (more than doubles kustomize's work); default true. */
  annotate?: boolean;
}

export interface KustomizeOutput {
  /** The rendered objects as YAML documents, with origin and transformer annotations. */
  yaml: string;
  /** `# Warning: …` lines kustomize printed (deprecated fields). */
  warnings: string[];
  /** The wrapper's folder (already removed): the annotations' paths are relative to it. */
  wrapperDir: string;
}

/**
 * Renders an overlay through a temporary wrapper kustomization outside the repository that
 * lists the overlay as its only resource and (unless `annotate: false`) asks for origin and
 * transformer annotations: the overlay itself is never edited, and the annotations say which
 * file each object came from and which kustomizations transformed it. Plugins, exec functions and Helm stay off
 * (no --enable-* flag); remote bases are fetched by kustomize itself, without prompts.
 */
export async function runKustomize(options: RunKustomizeOptions): Promise<KustomizeOutput> {
  const { tool, dir, label } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_KUSTOMIZE_TIMEOUT_MS;
  const wrapper = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-kustomize-'));
  try {
    const rel = path.relative(wrapper, dir);
    const entry = (path.isAbsolute(rel) ? dir : rel).split(path.sep).join('/');
    const metadata = options.annotate === false ? '' : 'buildMetadata: [originAnnotations, transformerAnnotations]\n';
    await fs.writeFile(path.join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(entry)}\n${metadata}`);
    const notFound = `${tool.program} not found`;
    const name = `${tool.label} ${label}`;
    let result;
    try {
      result = await runProcess({
        provider: 'kustomize',
        program: tool.program,
        args: tool.args(wrapper),
        label: name,
        cwd: wrapper,
        timeoutMs,
        signal: options.signal,
        // A remote base must never wait for a password prompt that nobody sees.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' },
        notFoundMessage: notFound,
      });
    } catch (e) {
      if (!(e instanceof LiveStateError)) throw e;
      if (e.message.includes(notFound)) throw new KustomizeError('unavailable', `cannot render ${label}: ${tool.program} not found (${KUSTOMIZE_INSTALL_HINT})`);
      if (/timed out/.test(e.message)) {
        const waits = options.waitsOn?.length ? `it was still fetching ${options.waitsOn.join(', ')}` : 'it was still reading the overlay';
        throw new KustomizeError('timeout', `${name} did not finish within ${formatMs(timeoutMs)} (${waits}); stopped it`);
      }
      if (/cancelled/.test(e.message)) throw new KustomizeError('cancelled', `${name} was cancelled`);
      throw new KustomizeError('failed', e.message);
    }
    const { errors, warnings } = splitStderr(result.stderr);
    if (result.code !== 0) {
      if (/unknown command "kustomize"/.test(result.stderr)) {
        throw new KustomizeError('unavailable', `cannot render ${label}: ${tool.program} has no kustomize command (${KUSTOMIZE_INSTALL_HINT})`);
      }
      // kustomize before v4 (kubectl ≤ 1.20, e.g. Debian 12's) cannot say where objects come from.
      if (/unknown field "buildMetadata"/.test(result.stderr)) {
        throw new KustomizeError('unavailable', `cannot render ${label}: the kustomize of ${tool.program} is too old to trace origins (${KUSTOMIZE_INSTALL_HINT})`);
      }
      const details = errors.length ? errors : [result.stderr.trim() || `exit code ${result.code}`];
      throw new KustomizeError('failed', `${name} failed: ${details.join('; ')}`, details);
    }
    return { yaml: result.stdout, warnings, wrapperDir: wrapper };
  } finally {
    await fs.rm(wrapper, { recursive: true, force: true });
  }
}

/**
 * kubectl prints `E… run.go:72] "command failed" err="…"` (or `err=<` … `>` over several
 * lines), kustomize `Error: …`; deprecation warnings start with `# Warning:`.
 */
export function splitStderr(stderr: string): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const lines = stderr.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const warning = /^#?\s*Warning:\s*(.*)$/.exec(line);
    if (warning) {
      warnings.push(warning[1]);
      continue;
    }
    const quoted = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(line);
    if (quoted) {
      errors.push(unquoteGo(quoted[1]));
      continue;
    }
    if (/"command failed" err=<\s*$/.test(line)) {
      const body: string[] = [];
      while (++i < lines.length && !/^\s*>\s*$/.test(lines[i])) body.push(lines[i].replace(/^\t/, ''));
      errors.push(body.join('\n').trim());
      continue;
    }
    const plain = /^(?:Error|error):\s*(.*)$/.exec(line);
    if (plain) errors.push(plain[1]);
  }
  return { errors, warnings };
}

function unquoteGo(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s.replace(/\\"/g, '"');
  }
}
