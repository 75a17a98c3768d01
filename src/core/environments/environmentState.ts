import type { AgentStatus } from '../agent/agentStatus';
import type { EnvironmentConfig } from '../config/types';
import type { EnvironmentDrift } from '../drift/environmentDrift';
import type { CommitInfo } from '../git/history';
import type { EnvironmentRendering } from '../kustomize/renderDesiredState';
import type { ManifestError } from '../manifests/manifestResource';
import type { RevisionStatus } from '../revision/compareRevision';
import type { HistoryMark } from '../revision/historyMarks';
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
  /** The GitOps agent's own state (Flux object, Argo CD application); describeAgentStatus() words it. */
  agent?: AgentStatus;
  /** The deployed revision against the branch the environment follows; describeRevision() words it. */
  revision?: RevisionStatus;
  /** `history` commits by hash: the deployed one, those not deployed yet, those included (set only when the deployed commit is local). */
  historyMarks?: Readonly<Record<string, HistoryMark>>;
}
