import type { EnvironmentConfig } from '../config/types';
import type { ParsedFileCache } from '../files/parsedFileCache';
import { loadRenderedManifests, type EnvironmentRendering, type RenderContext } from '../kustomize/renderDesiredState';
import { GitTreeFileSystem } from '../live/gitTreeFileSystem';
import type { ParsedManifests } from '../manifests/parseManifestText';

/** Where an environment's desired state was read from when it is not the working tree. */
export interface DesiredRef {
  /** The environment's `branch` setting. */
  branch: string;
  /** The ref that was read: `refs/remotes/origin/<branch>`, else `refs/heads/<branch>`, else `<branch>`. */
  ref: string;
  commit: string;
}

export interface DesiredState {
  manifests: ParsedManifests;
  /** Set when read from the environment's branch; absent for the working tree. */
  desiredRef?: DesiredRef;
  /** Set when the manifests hold kustomizations: rendered, or why not. */
  rendering?: EnvironmentRendering;
}

/**
 * An environment's desired manifests. With `branch` set to a branch other than the one
 * checked out, they are read from that branch through a Git tree (read-only plumbing,
 * fine in untrusted workspaces), origin's copy first: it is what controllers deploy
 * and what promotions start from, and fetching keeps it current while a local branch
 * may be stale. The checked-out branch is read from the working tree, edits included.
 *
 * Kustomizations are rendered when `render` allows it (see loadRenderedManifests).
 * Resources read from a branch keep working-tree paths (`file`) with the branch's line
 * numbers; the file may be absent or different in the working tree, so editor surfaces
 * must not place their locations on it (see EnvironmentState.desiredRef).
 * Throws LiveStateError when the branch cannot be read.
 */
export async function loadDesiredState(
  env: EnvironmentConfig,
  rootDir: string,
  checkedOut: string | undefined,
  signal?: AbortSignal,
  render: RenderContext = { trusted: false },
  cache?: ParsedFileCache,
): Promise<DesiredState> {
  const branch = env.branch;
  const ctx = { ...render, signal };
  if (!branch || branch === checkedOut) return loadRenderedManifests(rootDir, env.manifests, ctx, undefined, cache);
  const tree = await GitTreeFileSystem.open(rootDir, [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`, branch], signal);
  const { manifests, rendering } = await loadRenderedManifests(rootDir, env.manifests, ctx, tree);
  return { manifests, desiredRef: { branch, ref: tree.ref, commit: tree.commit }, ...(rendering ? { rendering } : {}) };
}
