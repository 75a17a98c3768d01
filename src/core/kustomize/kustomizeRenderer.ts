import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ManifestFileSystem } from '../manifests/manifestFileSystem';
import type { ManifestError, ManifestResource } from '../manifests/manifestResource';
import { kustomizationSyntaxErrors, locateKustomizeMessage } from './kustomizeErrors';
import type { KustomizeTool } from './kustomizeTool';
import { readKustomizeTree, type KustomizeTree } from './kustomizeTree';
import { renderedResources } from './renderOverlay';
import { KustomizeError, runKustomize } from './runKustomize';
import { FILE_LIMITS } from '../files/readBounded';

/** One overlay's rendering (or why there is none). */
export interface OverlayRendering {
  /** The overlay's kustomization file. */
  kustomization: string;
  resources: ManifestResource[];
  /** kustomize's errors and warnings, on the lines they name. */
  errors: ManifestError[];
  /** Every file kustomize reads for it (watch these: a change means a new render). */
  inputs: string[];
  /** Bases kustomize fetched itself (remote): not watched. */
  remote: string[];
  /** Time the render took (0 when reused). */
  durationMs: number;
  /** True when the previous render was reused: no input changed. */
  cached: boolean;
  /** Set when kustomize did not render the overlay. */
  failure?: KustomizeError;
}

export interface RenderRequest {
  tool: KustomizeTool;
  /** The overlay folder, absolute. */
  dir: string;
  /** Workspace folder: messages name files relative to it. */
  rootDir: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Render the overlay as a Git commit holds it (an environment's branch, a gitRef live source):
   * its files are copied from `fsys` into a temporary folder for kustomize; `commit` keys the cache.
   */
  at?: { fsys: ManifestFileSystem; commit: string };
}

interface CacheEntry {
  fingerprint: string;
  result: OverlayRendering;
}

/**
 * Renders overlays and keeps each result until one of the files kustomize read changes
 * (size, modification time or inode of every input, a kustomization file appearing in a
 * folder included): a refresh with nothing changed costs a few stat calls, not a render.
 * Concurrent requests for the same overlay share one kustomize process.
 */
export class KustomizeRenderer {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<OverlayRendering>>();

  async render(request: RenderRequest): Promise<OverlayRendering> {
    const key = `${request.tool.program}\0${path.resolve(request.dir)}\0${request.at?.commit ?? ''}`;
    const cached = this.cache.get(key);
    // A commit never changes: its render is reused as long as it is kept.
    if (cached && (request.at || (await fingerprint(cached.result.inputs)) === cached.fingerprint)) return { ...cached.result, cached: true, durationMs: 0 };
    const running = this.inflight.get(key);
    if (running) {
      const shared = await running;
      // Joined a render another caller cancelled (its refresh was superseded): that says nothing for this caller.
      if (shared.failure?.kind === 'cancelled' && !request.signal?.aborted) return this.render(request);
      return shared;
    }
    const job = this.renderFresh(request).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    const result = await job;
    // Timeouts and cancellations say nothing about the inputs: the next refresh tries again.
    if (result.failure?.kind !== 'timeout' && result.failure?.kind !== 'cancelled') {
      this.cache.set(key, { fingerprint: request.at ? request.at.commit : await fingerprint(result.inputs), result });
    }
    return result;
  }

  /** Forgets every render (e.g. the kustomize setting changed). */
  clear(): void {
    this.cache.clear();
  }

  private async renderFresh(request: RenderRequest): Promise<OverlayRendering> {
    const started = Date.now();
    const dir = path.resolve(request.dir);
    const tree = await readKustomizeTree(dir, request.at?.fsys);
    if (!tree) throw new KustomizeError('failed', `${label(request)} has no kustomization`);
    const base = { kustomization: tree.root.file, inputs: tree.inputs, remote: tree.remote.map((r) => r.entry), cached: false };
    const syntax = kustomizationSyntaxErrors(tree);
    if (syntax.length) {
      return { ...base, resources: [], errors: syntax, durationMs: Date.now() - started, failure: new KustomizeError('failed', `${path.relative(request.rootDir, syntax[0].file)} does not parse`) };
    }
    const copy = request.at ? await copyInputs(tree, request.at.fsys) : undefined;
    try {
      const run = (annotate: boolean) =>
        runKustomize({ tool: request.tool, dir: copy ? copy.pathOf(dir) : dir, label: label(request), timeoutMs: request.timeoutMs, signal: request.signal, waitsOn: base.remote, annotate });
      // Origins come off the tree when they are unambiguous; kustomize's own annotations (a slower render) settle the rest.
      // Objects of remote bases are not in the tree: annotate from the start rather than fetch them twice.
      let out = await run(tree.remote.length > 0);
      let rendered = renderedResources(out.yaml, tree, out.wrapperDir, copy?.sourceOf);
      if (rendered.unresolved.length && tree.remote.length === 0) {
        out = await run(true);
        rendered = renderedResources(out.yaml, tree, out.wrapperDir, copy?.sourceOf);
      }
      const warnings = out.warnings.map((w) => locateKustomizeMessage(w, tree, 'info', request.rootDir));
      return { ...base, resources: rendered.resources, errors: [...rendered.errors, ...warnings], durationMs: Date.now() - started };
    } catch (e) {
      if (!(e instanceof KustomizeError) || e.kind === 'unavailable') throw e;
      const errors = failureDiagnostics(e, tree, request.rootDir);
      return { ...base, resources: [], errors, durationMs: Date.now() - started, failure: e };
    } finally {
      if (copy) await fs.rm(copy.dir, { recursive: true, force: true });
    }
  }
}

/**
 * The files kustomize reads, copied out of a Git tree into a temporary folder at their absolute
 * paths (so `../` entries between them still resolve), and the way back to the working-tree paths.
 */
async function copyInputs(tree: KustomizeTree, fsys: ManifestFileSystem): Promise<{ dir: string; pathOf: (f: string) => string; sourceOf: (f: string) => string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-kustomize-tree-'));
  const pathOf = (f: string): string => path.join(dir, path.resolve(f).replace(/^[A-Za-z]:/, ''));
  const sourceOf = (f: string): string => (f.startsWith(dir + path.sep) ? f.slice(dir.length) : f);
  const files = new Map<string, string>();
  for (const k of tree.kustomizations.values()) files.set(k.file, k.text);
  for (const f of tree.inputs) {
    if (files.has(f)) continue;
    const text = tree.texts.get(f) ?? ((await fsys.stat(f))?.isFile ? await fsys.readFile(f, FILE_LIMITS.manifest) : undefined);
    if (text !== undefined) files.set(f, text);
  }
  for (const [f, text] of files) {
    await fs.mkdir(path.dirname(pathOf(f)), { recursive: true });
    await fs.writeFile(pathOf(f), text);
  }
  return { dir, pathOf, sourceOf };
}

/** The process-wide renderer: the CLI and the extension each keep one for their lifetime. */
export const defaultKustomizeRenderer = new KustomizeRenderer();

function failureDiagnostics(e: KustomizeError, tree: KustomizeTree, rootDir: string): ManifestError[] {
  if (e.kind !== 'failed' || e.details.length === 0) return [{ file: tree.root.file, severity: 'error', message: e.message }];
  return e.details.map((m) => locateKustomizeMessage(m, tree, 'error', rootDir));
}

function label(request: RenderRequest): string {
  return path.relative(request.rootDir, request.dir).split(path.sep).join('/') || '.';
}

async function fingerprint(files: string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (f) => {
      try {
        const s = await fs.stat(f);
        return `${f}\0${s.size}:${s.mtimeMs}:${s.ino}`;
      } catch {
        return `${f}\0-`;
      }
    }),
  );
  return parts.join('\n');
}
