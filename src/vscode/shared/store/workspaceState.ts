import type { ConfigProblem } from '../../../core/config/configProblem';
import type { YouOpsConfig } from '../../../core/config/types';
import type { EnvironmentState } from '../../../core/environments/environmentState';

/**
 * What the store knows about the workspace; views render only from this. Read-only for
 * everyone but the store, which replaces it (never mutates it) on every change.
 */
export type WorkspaceState =
  | { readonly kind: 'noFolder' }
  | { readonly kind: 'noConfig'; readonly rootDir: string }
  | {
      readonly kind: 'invalid';
      readonly rootDir: string;
      readonly configFile: string;
      readonly problems: readonly ConfigProblem[];
      /** The state of the last valid youops.yaml, which the views keep showing (with the errors above it) until the file is fixed. */
      readonly lastGood?: ReadyState;
    }
  | {
      readonly kind: 'ready';
      readonly rootDir: string;
      readonly configFile: string;
      readonly config: Readonly<YouOpsConfig>;
      readonly problems: readonly ConfigProblem[];
      readonly environments: readonly EnvironmentEntry[];
    };

export type ReadyState = Extract<WorkspaceState, { kind: 'ready' }>;

/** What the views show: the loaded config, or while youops.yaml has errors, its last valid version. */
export function shownState(state: WorkspaceState): ReadyState | undefined {
  return state.kind === 'ready' ? state : state.kind === 'invalid' ? state.lastGood : undefined;
}

export interface EnvironmentEntry {
  readonly name: string;
  /** Undefined until the first refresh finished. */
  readonly state?: Readonly<EnvironmentState>;
  readonly refreshing: boolean;
}
