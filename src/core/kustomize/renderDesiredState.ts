import * as path from 'node:path';
import type { ParsedFileCache } from '../files/parsedFileCache';
import { GitTreeFileSystem } from '../live/gitTreeFileSystem';
import { loadManifests } from '../manifests/loadManifests';
import { nodeFileSystem, type ManifestFileSystem } from '../manifests/manifestFileSystem';
import type { ManifestError, ManifestResource } from '../manifests/manifestResource';
import type { ParsedManifests } from '../manifests/parseManifestText';
import { defaultKustomizeRenderer, type KustomizeRenderer, type OverlayRendering } from './kustomizeRenderer';
import { kustomizeTool } from './kustomizeTool';
import { KustomizeError } from './runKustomize';

export interface RenderContext {
  /** Workspace Trust: kustomize runs with the repository's files and may fetch remote bases. */
  trusted: boolean;
  /** `youops.kustomize.path`. */
  kustomizePath?: string;
  /** `youops.kubectl.path`: the default kustomize is kubectl's. */
  kubectlPath?: string;
  renderer?: KustomizeRenderer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How an environment's kustomizations were read. */
export interface EnvironmentRendering {
  /**
   * `rendered`: every kustomization went through kustomize. `notRendered`: the raw files were
   * read instead (untrusted workspace, no kustomize): `reason` says why, show it. `failed`:
   * kustomize reported errors (in the environment's manifest errors, on their lines).
   */
  status: 'rendered' | 'notRendered' | 'failed';
  reason?: string;
  /** `kubectl kustomize` or `kustomize build`. */
  tool?: string;
  overlays: Array<{ kustomization: string; inputs: string[]; remote: string[]; durationMs: number; cached: boolean; error?: string }>;
}

export const UNTRUSTED_RENDER_REASON =
  "not rendered: kustomize runs with the repository's files and may fetch remote bases, so an untrusted workspace shows the raw files; trust the workspace to render";

/**
 * An environment's desired state as the GitOps agent sees it: each kustomization among its
 * manifests (an entry that is one, or a folder that holds one) rendered by kustomize, the
 * other files read as they are. Falls back to the raw files, with the reason, when the
 * workspace is untrusted or no kustomize is installed.
 */
export async function loadRenderedManifests(
  rootDir: string,
  entries: string[],
  ctx: RenderContext,
  /** The working tree, or a Git tree (an environment's branch, a gitRef live source): its files are copied out for kustomize. */
  fsys: ManifestFileSystem = nodeFileSystem,
  cache?: ParsedFileCache,
): Promise<{ manifests: ParsedManifests; rendering?: EnvironmentRendering }> {
  const collected = await loadManifests(rootDir, entries, fsys, cache, { kustomizations: 'collect' });
  const kustomizations = collected.kustomizations ?? [];
  if (kustomizations.length === 0) return { manifests: { resources: collected.resources, errors: collected.errors } };
  const raw = async (reason: string): Promise<{ manifests: ParsedManifests; rendering: EnvironmentRendering }> => ({
    manifests: await loadManifests(rootDir, entries, fsys, cache),
    rendering: { status: 'notRendered', reason, overlays: [] },
  });
  if (!ctx.trusted) return raw(UNTRUSTED_RENDER_REASON);
  if (!fsys.onDisk && !(fsys instanceof GitTreeFileSystem)) return raw('not rendered: kustomize reads files on disk or in Git only; showing the raw files');

  const tool = kustomizeTool(ctx.kustomizePath, ctx.kubectlPath);
  const renderer = ctx.renderer ?? defaultKustomizeRenderer;
  let overlays: OverlayRendering[];
  try {
    overlays = await Promise.all(
      kustomizations.map((file) =>
        renderer.render({ tool, dir: path.dirname(file), rootDir, timeoutMs: ctx.timeoutMs, signal: ctx.signal, ...(fsys instanceof GitTreeFileSystem ? { at: { fsys, commit: `${fsys.commit}:${rootDir}` } } : {}) }),
      ),
    );
  } catch (e) {
    if (e instanceof KustomizeError && e.kind === 'unavailable') return raw(`not rendered: ${e.message}; showing the raw files`);
    throw e;
  }

  const resources: ManifestResource[] = [...collected.resources];
  const errors: ManifestError[] = [...collected.errors];
  const failed = overlays.filter((o) => o.failure);
  for (const o of overlays) {
    errors.push(...o.errors);
    // A failed overlay still lists its raw resources, so the view shows what is there (as Unknown).
    if (o.failure) resources.push(...(await loadManifests(rootDir, [path.dirname(o.kustomization)], fsys)).resources);
    else resources.push(...o.resources);
  }
  const rendering: EnvironmentRendering = {
    status: failed.length ? 'failed' : 'rendered',
    tool: tool.label,
    ...(failed.length ? { reason: failed.map((o) => failureReason(o, rootDir)).join('; ') } : {}),
    overlays: overlays.map((o) => ({
      kustomization: o.kustomization,
      inputs: o.inputs,
      remote: o.remote,
      durationMs: o.durationMs,
      cached: o.cached,
      ...(o.failure ? { error: failureReason(o, rootDir) } : {}),
    })),
  };
  return { manifests: { resources, errors }, rendering };
}

function failureReason(o: OverlayRendering, rootDir: string): string {
  const where = path.relative(rootDir, path.dirname(o.kustomization)).split(path.sep).join('/') || '.';
  const first = o.errors.find((e) => e.severity === 'error');
  return `kustomize could not render ${where}: ${first ? first.message.replace(/^kustomize: /, '') : (o.failure?.message ?? 'unknown error')}`;
}
