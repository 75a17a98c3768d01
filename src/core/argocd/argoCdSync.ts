import type { ArgoAppStatus } from '../agent/agentStatus';
import { LiveStateError } from '../live/provider';
import { DEFAULT_OPERATION_TIMEOUT_MS, DEFAULT_POLL_MS, formatWait, type OperationOutcome, type ProgressListener } from '../operations/operationOutcome';
import { waitFor } from '../operations/waitFor';
import type { ArgoCdAppClient } from './argoCdClient';
import { readArgoAppStatus } from './argoCdAppStatus';

export interface ArgoSyncRequest {
  app: string;
  appNamespace?: string;
  /** Delete resources Git no longer has; default false, as the Argo CD UI's Sync. */
  prune?: boolean;
  timeoutMs?: number;
  pollMs?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

const DONE_PHASES = new Set(['Succeeded', 'Failed', 'Error']);

/**
 * "Sync now" through the Argo CD API, as `argocd app sync` does: refuse while an operation
 * runs, `POST /api/v1/applications/{app}/sync`, then poll the application until a new
 * `status.operationState` (another startedAt than before) reaches Succeeded, Failed or Error.
 * Never throws: failures are outcomes that say whether the request got through.
 */
export async function runArgoSync(client: ArgoCdAppClient, request: ArgoSyncRequest): Promise<OperationOutcome> {
  const steps: string[] = [];
  const progress = (message: string, agent?: ArgoAppStatus): void => {
    steps.push(message);
    request.onProgress?.({ message, ...(agent ? { agent } : {}) });
  };
  const label = `Argo CD application ${client.appLabel()}`;
  const auth = { token: undefined as string | undefined };
  const read = async (): Promise<ArgoAppStatus> => readArgoAppStatus(await client.application(request.signal, auth), request.app, request.appNamespace);
  let before: ArgoAppStatus;
  try {
    auth.token = await client.token();
    before = await read();
  } catch (e) {
    return { status: 'error', delivery: 'not-sent', message: (e as Error).message, steps };
  }
  progress(`${label}: ${before.sync ?? 'Unknown'}${before.health ? ` · ${before.health}` : ''}`, before);
  if (before.operation?.phase === 'Running' || before.operation?.phase === 'Terminating') {
    return { status: 'error', delivery: 'not-sent', message: `${label} is already running an operation (${before.operation.phase}${before.operation.message ? `: ${before.operation.message}` : ''}); wait for it or terminate it in Argo CD`, agent: before, steps };
  }
  try {
    await client.sync({ prune: request.prune ?? false }, request.signal, auth);
  } catch (e) {
    const message = (e as Error).message;
    // No HTTP answer: the sync may have started anyway.
    const delivery = e instanceof LiveStateError && /did not answer|request cancelled/.test(message) ? 'unknown' : 'not-sent';
    return { status: 'error', delivery, message: `${label}: sync not started — ${message}`, agent: before, steps };
  }
  progress(`Requested a sync of ${label}`);
  let last = '';
  const isNew = (s: ArgoAppStatus): boolean => !!s.operation && s.operation.startedAt !== before.operation?.startedAt;
  let result;
  try {
    result = await waitFor(
      async () => {
        const s = await read();
        const line = isNew(s) ? `Sync ${s.operation!.phase}${s.operation!.message ? `: ${s.operation!.message}` : ''}` : 'Waiting for Argo CD to start the sync';
        if (line !== last) progress((last = line), s);
        return s;
      },
      (s) => isNew(s) && DONE_PHASES.has(s.operation!.phase),
      { timeoutMs: request.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS, pollMs: request.pollMs ?? DEFAULT_POLL_MS, signal: request.signal },
    );
  } catch (e) {
    return { status: 'error', delivery: 'sent', message: `${label}: the sync was requested, but reading its progress failed — ${(e as Error).message}`, agent: before, steps };
  }
  const after = result.value;
  if (!result.done) {
    if (request.signal?.aborted) return { status: 'cancelled', delivery: 'sent', message: `stopped waiting for ${label}; the sync goes on in Argo CD`, agent: after, steps };
    const phase = isNew(after) ? `still ${after.operation!.phase}` : 'not started';
    return { status: 'timeout', delivery: 'sent', message: `${label}: sync ${phase} after ${formatWait(request.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS)}`, agent: after, steps };
  }
  const op = after.operation!;
  const revision = op.revision ?? after.syncedRevision;
  if (op.phase !== 'Succeeded') return { status: 'failure', delivery: 'sent', message: `${label}: sync ${op.phase}${op.message ? `: ${op.message}` : ''}`, agent: after, steps };
  return { status: 'success', delivery: 'sent', message: `${label} synced${revision ? ` to ${revision.slice(0, 7)}` : ''} (${[after.sync, after.health].filter(Boolean).join(' · ')})`, agent: after, steps };
}
