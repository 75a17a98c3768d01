import * as path from 'node:path';
import { loadRenderedManifests, type RenderContext } from '../kustomize/renderDesiredState';
import { loadManifests } from '../manifests/loadManifests';
import { resolveCommit } from '../revision/gitRevisions';
import type { DeployedRevision } from '../revision/deployedRevision';
import { GitTreeFileSystem } from './gitTreeFileSystem';
import { LiveStateError, type LiveFetchRequest, type LiveState, type LiveStateProvider } from './provider';

export interface GitRefProviderOptions {
  /** Folder of youops.yaml; manifests entries resolve against it, as in the working tree. */
  rootDir: string;
  /** Branch, tag or commit holding what is deployed (e.g. `deployed/prod`). */
  ref: string;
  /** Manifests entries (files, folders, globs) read at the ref. */
  manifests: string[];
  /** Trusted workspaces: kustomizations at the ref are rendered, as the desired state is (core/kustomize). */
  render?: RenderContext;
}

/**
 * "Live" state recorded in Git: the environment's manifests at another ref, read with
 * the same loader as the working tree (kustomization resources followed at that ref).
 * Complete: the ref is the whole deployed state, so objects only there count as Extra.
 * Runs only read-only git plumbing, so it is allowed in untrusted workspaces like history.
 */
export class GitRefProvider implements LiveStateProvider {
  readonly name = 'gitRef';

  constructor(private readonly options: GitRefProviderOptions) {
    if (options.manifests.length === 0) throw new LiveStateError('gitRef', 'gitRef live source has no manifests path');
  }

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const { rootDir, ref, manifests } = this.options;
    const tree = await GitTreeFileSystem.open(rootDir, ref, request.signal);
    request.signal?.throwIfAborted();
    let parsed;
    try {
      // Rendered like the desired state, or the two would differ by everything kustomize does.
      parsed = this.options.render ? (await loadRenderedManifests(rootDir, manifests, { ...this.options.render, signal: request.signal }, tree)).manifests : await loadManifests(rootDir, manifests, tree);
    } catch (e) {
      throw new LiveStateError(this.name, `cannot read manifests at "${ref}": ${(e as Error).message}`);
    }
    // A broken file at the ref must not read as "nothing deployed" (everything Missing).
    const hard = parsed.errors.find((e) => e.severity === 'error');
    if (hard) {
      const where = path.relative(rootDir, hard.file).split(path.sep).join('/') || '.';
      const line = hard.range ? `:${hard.range.start.line + 1}` : '';
      throw new LiveStateError(this.name, `at Git ref "${ref}", ${where}${line}: ${hard.message}`);
    }
    const objects = parsed.resources.map((r) => ({ id: r.id, key: r.key, object: r.object }));
    // The ref is the record of what is deployed, so its commit is the deployed revision.
    return { objects, complete: true, fetchedAt: new Date(), revision: { text: tree.commit, commit: tree.commit, ref, from: `Git ref "${ref}"` } };
  }

  async deployedRevision(signal?: AbortSignal): Promise<DeployedRevision | undefined> {
    const { rootDir, ref } = this.options;
    const commit = ref.startsWith('-') ? undefined : await resolveCommit(rootDir, ref, signal).catch(() => undefined);
    if (!commit) throw new LiveStateError(this.name, `Git ref "${ref}" does not exist in the local repository`);
    return { text: commit, commit, ref, from: `Git ref "${ref}"` };
  }
}
