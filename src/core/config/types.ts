/**
 * The model of the team's `youops.yaml`: environments, live-state sources,
 * drift rules and the channel (GitOps, IssueOps, ChatOps) of each operation.
 * Kept free of parsing concerns so every surface can depend on it.
 */

import type { LiveSource } from './liveSources';

export type { LiveProviderName, LiveSource } from './liveSources';

export interface EnvironmentConfig {
  name: string;
  /** Folder(s) or globs, relative to the config's folder. */
  manifests: string[];
  live?: LiveSource;
  promotesFrom?: string;
  protected: boolean;
  /** Git branch that holds this environment's desired state, when not the current one. */
  branch?: string;
}

export interface DriftIgnoreRule {
  kind?: string;
  /** Dotted path; `\.` escapes a dot inside a key. */
  path: string;
}

/** The agents' field managers when youops.yaml names none (drift.fieldManagers). */
export const DEFAULT_FIELD_MANAGERS: readonly string[] = ['argocd-controller', 'kustomize-controller', 'helm-controller', 'kubectl'];

export interface DriftConfig {
  ignore: DriftIgnoreRule[];
  /** Field managers of the agent that applies Git (managedFields), e.g. `argocd-controller`. */
  fieldManagers: string[];
  /** Seconds between live-state refreshes; 0 = only on demand. */
  refreshSeconds: number;
}

export interface IssueOpsConfig {
  repo?: string;
  templates: string;
  commands: string[];
}

export interface ChatOpsTransportConfig {
  [transport: string]: Record<string, unknown>;
}

/** How one template parameter is asked for when the context does not fill it. */
export interface ChatOpsParamConfig {
  prompt?: string;
  /** Offered as a list; the user may still type another value unless `strict`. */
  choices?: string[];
  strict?: boolean;
  default?: string;
}

/** Regular expressions (case-insensitive) that mark a bot reply as success or failure. */
export interface ChatOpsFeedbackConfig {
  success?: string[];
  failure?: string[];
}

export interface ChatOpsCommandConfig extends ChatOpsFeedbackConfig {
  name: string;
  text: string;
  via: string;
  confirm: string[];
  description?: string;
  params: Record<string, ChatOpsParamConfig>;
}

export interface ChatOpsConfig {
  transports: ChatOpsTransportConfig;
  commands: ChatOpsCommandConfig[];
  /** Defaults for every command; a command's own patterns replace them. */
  feedback: ChatOpsFeedbackConfig;
}

/** `gitops`, `issueops:<template>` or `chatops:<command>`. */
export type OperationChannel =
  | { channel: 'gitops' }
  | { channel: 'issueops'; template: string }
  | { channel: 'chatops'; command: string };

/**
 * An operation the GitOps agent performs itself, run by YouOps through the agent's API:
 * `flux:reconcile`, `flux:reconcile-with-source`, `flux:suspend`, `flux:resume`, `argocd:sync`.
 * Kept apart from OperationChannel, whose channels hand over to the editor's own commands.
 */
export type AgentOperationChannel =
  | { channel: 'flux'; action: 'reconcile' | 'suspend' | 'resume'; withSource: boolean }
  | { channel: 'argocd'; action: 'sync' };

export interface SchemaAssociation {
  files: string;
  schema: string;
}

export interface YouOpsConfig {
  version: 1;
  environments: EnvironmentConfig[];
  drift: DriftConfig;
  issueops: IssueOpsConfig;
  chatops: ChatOpsConfig;
  operations: Record<string, OperationChannel>;
  /** The entries of `operations:` that the agent performs (listOperations gives both maps for a picker). */
  agentOperations: Record<string, AgentOperationChannel>;
  /** The names of `operations:` in youops.yaml's order, across both maps (pickers keep the team's order). */
  operationOrder?: readonly string[];
  schemas: SchemaAssociation[];
}
