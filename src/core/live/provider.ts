import { redactSecrets } from '../text/redact';

import type { AgentStatus } from '../agent/agentStatus';
import type { ManifestResource } from '../manifests/manifestResource';
import type { ResourceId } from '../manifests/resourceId';
import type { DeployedRevision } from '../revision/deployedRevision';

/** One object as it exists in the cluster (or in an export of it). */
export interface LiveObject {
  id: ResourceId;
  key: string;
  object: unknown;
  /**
   * JSON pointers (into the desired document) whose live value the source hides, e.g.
   * Argo CD's masked Secret data: unknown, so the drift engine does not compare them.
   * Set only by the provider that knows its source masks (argocd).
   */
  hiddenPaths?: readonly string[];
  /** The source's rendering of the desired object (Argo CD's targetState, after Helm/Kustomize); shown, not compared. */
  target?: unknown;
}

export interface LiveState {
  objects: LiveObject[];
  /** True when the provider lists everything it can see, so live-only objects count as Extra. */
  complete: boolean;
  fetchedAt: Date;
  /** What the source itself says about the environment (Argo CD's sync and health status). */
  summary?: { sync?: string; health?: string };
  /** The agent's own state (a Flux Kustomization or HelmRelease, an Argo CD Application). */
  agent?: AgentStatus;
  /** What the source says is deployed: Flux's lastAppliedRevision, Argo CD's sync revision, a snapshot's revision file. */
  revision?: DeployedRevision;
  /** Objects the source lists but could not read: each is that resource's Error, the rest is still evaluated. */
  unreadable?: UnreadableObject[];
  /**
   * The source's own rendering of the desired state, every object it would apply (Argo CD's
   * targetState of each managed resource, also those not live yet): what `desired: argocd` compares.
   */
  desired?: unknown[];
}

/** An object known to be live (e.g. in Flux's inventory) that could not be fetched. */
export interface UnreadableObject {
  id: ResourceId;
  key: string;
  message: string;
}

export interface LiveFetchRequest {
  /** The desired resources, so targeted providers can fetch only those. */
  resources: ManifestResource[];
  signal?: AbortSignal;
}

/** A source of live state; every provider reports through the same vocabulary. */
export interface LiveStateProvider {
  readonly name: string;
  /**
   * Whether it fetches only the desired resources (request.resources), so it is asked once they
   * are read. Every other source is asked while the desired state is read: both at once.
   */
  readonly targeted?: boolean;
  fetch(request: LiveFetchRequest): Promise<LiveState>;
  /**
   * Only the deployed revision, cheaper than a fetch (one object, one file). Absent when the
   * source never knows one; undefined when it knows none right now.
   */
  deployedRevision?(signal?: AbortSignal): Promise<DeployedRevision | undefined>;
}

/** A provider could not deliver live state; the message is shown as the environment's Error. */
export class LiveStateError extends Error {
  override readonly name = 'LiveStateError';

  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(redactSecrets(message)); // may quote a server's body or a program's stderr
  }
}
