import type { EnvironmentConfig } from '../config/types';
import type { EnvironmentDrift } from '../drift/environmentDrift';
import type { CommitInfo } from '../git/history';
import type { EnvironmentRendering } from '../kustomize/renderDesiredState';
import type { ManifestError } from '../manifests/manifestResource';
import type { DesiredRef } from './loadDesiredState';

/** Everything the views show about one environment after a refresh. */
export interface EnvironmentState {
  config: EnvironmentConfig;
  drift: EnvironmentDrift;
  manifestErrors: ManifestError[];
  history: CommitInfo[];
  /** The environment's branch when its desired state was read from it, else the checked-out branch. */
  branch?: string;
  /**
   * Set when the desired state came from the environment's `branch` instead of the working
   * tree: resource files and lines then describe that branch, so editor surfaces (inline
   * decorations, lenses, reveal) leave the working-tree file alone; tree and CLI still list them.
   */
  desiredRef?: DesiredRef;
  /**
   * Set when the manifests hold kustomizations: `rendered` (resources are kustomize's output,
   * each with `rendered` tracing its values), or `notRendered`/`failed` with the reason to show.
   */
  rendering?: EnvironmentRendering;
  /** The live source's own view, e.g. Argo CD sync and health status. */
  liveSummary?: { sync?: string; health?: string };
}
