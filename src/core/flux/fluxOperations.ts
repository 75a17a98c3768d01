import { shortFluxRevision, type FluxObjectStatus } from '../agent/agentStatus';
import { LiveStateError } from '../live/provider';
import { DEFAULT_OPERATION_TIMEOUT_MS, DEFAULT_POLL_MS, formatWait, type OperationOutcome, type ProgressListener } from '../operations/operationOutcome';
import { waitFor } from '../operations/waitFor';
import { formatFluxRef, RECONCILE_REQUESTED_AT, type FluxObjectRef, type FluxRef } from './fluxApi';
import type { FluxKubectl } from './fluxKubectl';
import { readFluxStatus } from './fluxStatus';

export type FluxAction = 'reconcile' | 'suspend' | 'resume';

export interface FluxActionRequest {
  object: FluxObjectRef;
  action: FluxAction;
  /** reconcile: reconcile the object's source first, as `flux reconcile … --with-source`. */
  withSource?: boolean;
  timeoutMs?: number;
  pollMs?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** The requestedAt value; default the current time (RFC 3339), as `flux reconcile` writes it. */
  now?: () => Date;
}

const CONTROLLER: Record<string, string> = { Kustomization: 'kustomize-controller', HelmRelease: 'helm-controller' };

/**
 * What `flux reconcile`, `flux suspend` and `flux resume` do, through kubectl:
 * - reconcile: annotate `reconcile.fluxcd.io/requestedAt` with the current time (the source
 *   first with `withSource`), then poll until the controller echoes it in
 *   `status.lastHandledReconcileAt` with the current generation observed; Ready decides;
 * - suspend: merge-patch `spec.suspend: true` and read it back (a suspended object is not
 *   reconciled, so there is nothing more to wait for);
 * - resume: merge-patch `spec.suspend: false` with a reconcile request, then wait as reconcile.
 * Never throws: kubectl failures are an `error` outcome that says whether anything was sent.
 */
export async function runFluxAction(kubectl: FluxKubectl, request: FluxActionRequest): Promise<OperationOutcome> {
  const steps: string[] = [];
  const progress = (message: string, agent?: FluxObjectStatus): void => {
    steps.push(message);
    request.onProgress?.({ message, ...(agent ? { agent } : {}) });
  };
  let sent = false;
  try {
    const before = await read(kubectl, request.object, request.signal);
    progress(`${formatFluxRef(request.object)}: ${before.state}`, before);
    switch (request.action) {
      case 'suspend':
        return await suspend(kubectl, request, before, progress, () => (sent = true), steps);
      case 'resume':
      case 'reconcile': {
        if (request.action === 'reconcile' && before.suspended) {
          return { status: 'error', delivery: 'not-sent', message: `${formatFluxRef(request.object)} is suspended: resume it to reconcile`, agent: before, steps };
        }
        if (request.withSource && request.action === 'reconcile') {
          if (!before.source) return { status: 'error', delivery: 'not-sent', message: `${formatFluxRef(request.object)} names no source to reconcile`, agent: before, steps };
          const source = await reconcileOne(kubectl, before.source, request, progress, () => (sent = true));
          if (source.status !== 'success') return { ...source, message: `source ${source.message}`, agent: before, steps };
        }
        return { ...(await reconcileOne(kubectl, request.object, request, progress, () => (sent = true))), steps };
      }
    }
  } catch (e) {
    const message = e instanceof LiveStateError ? e.message : (e as Error).message;
    // After a write, the request may stand even though following it failed.
    return { status: 'error', delivery: sent ? 'unknown' : 'not-sent', message: sent ? `${message} (the request may have reached the cluster: check ${formatFluxRef(request.object)} before retrying)` : message, steps };
  }
}

async function read(kubectl: FluxKubectl, ref: FluxRef, signal?: AbortSignal): Promise<FluxObjectStatus> {
  return readFluxStatus(await kubectl.get(ref, signal), ref.kind, kubectl.options.context);
}

async function suspend(
  kubectl: FluxKubectl,
  request: FluxActionRequest,
  before: FluxObjectStatus,
  progress: (m: string, a?: FluxObjectStatus) => void,
  markSent: () => void,
  steps: string[],
): Promise<OperationOutcome> {
  const label = formatFluxRef(request.object);
  if (before.suspended) return { status: 'success', delivery: 'not-sent', message: `${label} was already suspended`, agent: before, steps };
  markSent();
  await kubectl.mergePatch(request.object, { spec: { suspend: true } }, request.signal);
  progress(`Set spec.suspend: true on ${label}`);
  const after = await read(kubectl, request.object, request.signal);
  if (!after.suspended) return { status: 'failure', delivery: 'sent', message: `${label} still reads spec.suspend: false (an admission webhook or another writer may have reverted it)`, agent: after, steps };
  return { status: 'success', delivery: 'sent', message: `${label} suspended: Flux will not apply changes until it is resumed`, agent: after, steps };
}

/** Requests one reconciliation (resume: with `spec.suspend: false`) and waits for its outcome. */
async function reconcileOne(
  kubectl: FluxKubectl,
  ref: FluxRef,
  request: FluxActionRequest,
  progress: (m: string, a?: FluxObjectStatus) => void,
  markSent: () => void,
): Promise<Omit<OperationOutcome, 'steps'>> {
  const label = formatFluxRef(ref);
  const token = (request.now ?? (() => new Date()))().toISOString();
  markSent();
  if (request.action === 'resume' && ref === request.object) {
    await kubectl.mergePatch(ref, { spec: { suspend: false }, metadata: { annotations: { [RECONCILE_REQUESTED_AT]: token } } }, request.signal);
    progress(`Set spec.suspend: false on ${label} and requested a reconciliation`);
  } else {
    await kubectl.annotate(ref, RECONCILE_REQUESTED_AT, token, request.signal);
    progress(`Requested a reconciliation of ${label} (${RECONCILE_REQUESTED_AT}=${token})`);
  }
  let last = '';
  const { value: after, done } = await waitFor(
    async () => {
      const s = await read(kubectl, ref, request.signal);
      const line = `Waiting for ${controllerOf(ref)}: ${s.state}${s.message ? ` — ${s.message}` : ''}`;
      if (line !== last) progress((last = line), s);
      return s;
    },
    (s) => s.lastHandledReconcileAt === token && (s.generation === undefined || s.observedGeneration === undefined || s.observedGeneration >= s.generation) && s.state !== 'Reconciling',
    { timeoutMs: request.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS, pollMs: request.pollMs ?? DEFAULT_POLL_MS, signal: request.signal },
  );
  if (!done) {
    if (request.signal?.aborted) return { status: 'cancelled', delivery: 'sent', message: `stopped waiting for ${label}; the reconciliation request stays`, agent: after };
    const handled = after.lastHandledReconcileAt === token;
    return {
      status: 'timeout',
      delivery: 'sent',
      message: `${label}: ${controllerOf(ref)} ${handled ? 'is still reconciling' : 'has not picked up the request'} after ${formatWait(request.timeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS)} (${after.state}${after.message ? `: ${after.message}` : ''})${handled ? '' : ' — is the controller running?'}`,
      agent: after,
    };
  }
  if (after.state === 'NotReady' || after.state === 'Stalled') {
    return { status: 'failure', delivery: 'sent', message: `${label} reconciliation failed: ${after.message ?? after.reason ?? after.state}`, agent: after };
  }
  const applied = after.lastAppliedRevision ? `: applied ${shortFluxRevision(after.lastAppliedRevision)}` : after.message ? `: ${after.message}` : '';
  return { status: 'success', delivery: 'sent', message: `${label} ${request.action === 'resume' && ref === request.object ? 'resumed and reconciled' : 'reconciled'}${applied}`, agent: after };
}

function controllerOf(ref: FluxRef): string {
  return CONTROLLER[ref.kind] ?? 'source-controller';
}
