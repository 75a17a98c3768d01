import type { ConfigProblem } from '../../core/config/configProblem';
import type { YouOpsConfig } from '../../core/config/types';
import type { EnvironmentState } from '../../core/environments/environmentState';

/** What the store knows about the workspace; views render only from this. */
export type WorkspaceState =
  | { kind: 'noFolder' }
  | { kind: 'noConfig'; rootDir: string }
  | { kind: 'invalid'; rootDir: string; configFile: string; problems: ConfigProblem[] }
  | { kind: 'ready'; rootDir: string; configFile: string; config: YouOpsConfig; problems: ConfigProblem[]; environments: EnvironmentEntry[] };

export interface EnvironmentEntry {
  name: string;
  /** Undefined until the first refresh finished. */
  state?: EnvironmentState;
  refreshing: boolean;
}
