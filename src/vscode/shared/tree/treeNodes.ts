import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import type { CommitInfo } from '../../../core/git/history';

/** A row that says something (loading, an error, what to do) and may run a command when clicked. */
export interface MessageNode {
  type: 'message';
  id: string;
  label: string;
  detail?: string;
  icon: 'error' | 'warning' | 'info' | 'loading';
  command?: { command: string; args: unknown[] };
}

/** The Environments view's own rows; each carries only identifiers and data to render. */
export type EnvironmentNode =
  | MessageNode
  | { type: 'environment'; env: string }
  | { type: 'kindGroup'; env: string; kind: string; resources: readonly ResourceDrift[] }
  | { type: 'resource'; env: string; resource: ResourceDrift }
  | { type: 'field'; env: string; resource: ResourceDrift; index: number }
  | { type: 'history'; env: string; commits: readonly CommitInfo[] }
  | { type: 'commit'; env: string; commit: CommitInfo };

/**
 * Rows that features contribute under each environment, by type. A feature adds its own by
 * augmenting this interface (`declare module` of this file), so the tree stays one closed
 * union without importing any feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SectionNodes {}

export type SectionNode = SectionNodes[keyof SectionNodes];

/** Every kind of row in the Environments view. */
export type TreeNode = EnvironmentNode | SectionNode;
