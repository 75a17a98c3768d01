import type { AgentStatus } from '../agent/agentStatus';

/**
 * How an agent operation ended:
 * - success: the agent did it (reconciled and Ready, synced, suspended);
 * - failure: the agent did it and reports failure (Ready=False, sync Failed);
 * - timeout: requested, but the agent had not finished when the wait ended;
 * - error: YouOps could not get the request through, or lost track (`delivery` says which);
 * - cancelled: the user declined the confirmation or cancelled; refused: not allowed here.
 */
export type OperationStatus = 'success' | 'failure' | 'timeout' | 'error' | 'cancelled' | 'refused';

export interface OperationOutcome {
  status: OperationStatus;
  /** One line for a notification or the CLI. */
  message: string;
  /** Whether the request reached the agent: `not-sent` is safe to retry. */
  delivery: 'not-sent' | 'sent' | 'unknown';
  /** The agent's state as last read, after the request when there was one. */
  agent?: AgentStatus;
  /** What was done, in order, for a log. */
  steps: string[];
}

/** Reported while an operation runs: show it as progress. */
export interface OperationProgress {
  message: string;
  agent?: AgentStatus;
}

export type ProgressListener = (progress: OperationProgress) => void;

export const DEFAULT_OPERATION_TIMEOUT_MS = 5 * 60_000;
/** As `flux reconcile` polls. */
export const DEFAULT_POLL_MS = 2_000;

/** `500ms`, `45s`, `5m`: how long an operation waited, for messages. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 120_000 || ms % 60_000 !== 0) return `${Math.round(ms / 1000)}s`;
  return `${ms / 60_000}m`;
}
