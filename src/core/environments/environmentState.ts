import type { EnvironmentConfig } from '../config/types';
import type { EnvironmentDrift } from '../drift/environmentDrift';
import type { CommitInfo } from '../git/history';
import type { ManifestError } from '../manifests/manifestResource';

/** Everything the views show about one environment after a refresh. */
export interface EnvironmentState {
  config: EnvironmentConfig;
  drift: EnvironmentDrift;
  manifestErrors: ManifestError[];
  history: CommitInfo[];
  branch?: string;
  /** The live source's own view, e.g. Argo CD sync and health status. */
  liveSummary?: { sync?: string; health?: string };
}
