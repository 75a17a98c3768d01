import type { FluxKind } from '../agent/agentStatus';

/**
 * The Flux API as YouOps uses it: kinds, their groups, and the annotations the Flux CLI
 * writes. Objects are named to kubectl as `Kind.group/name` without a version, so kubectl
 * picks the version the cluster prefers (Kustomization v1, HelmRelease v2, or the beta
 * versions of older installs: the status fields read here are the same).
 */
export const FLUX_GROUPS: Record<string, string> = {
  Kustomization: 'kustomize.toolkit.fluxcd.io',
  HelmRelease: 'helm.toolkit.fluxcd.io',
  GitRepository: 'source.toolkit.fluxcd.io',
  OCIRepository: 'source.toolkit.fluxcd.io',
  Bucket: 'source.toolkit.fluxcd.io',
  HelmRepository: 'source.toolkit.fluxcd.io',
  HelmChart: 'source.toolkit.fluxcd.io',
  ExternalArtifact: 'source.toolkit.fluxcd.io',
};

/** `flux reconcile` writes the current time here; the controller echoes it in status.lastHandledReconcileAt. */
export const RECONCILE_REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

/** The field manager the Flux CLI and Flux's docs use for client-side edits. */
export const FLUX_FIELD_MANAGER = 'flux-client-side-apply';

/** A Flux object to read or act on. */
export interface FluxRef {
  kind: string;
  name: string;
  namespace: string;
}

/** The object a `flux` live source names. */
export interface FluxObjectRef extends FluxRef {
  kind: FluxKind;
}

/** `Kustomization.kustomize.toolkit.fluxcd.io/prod`: unambiguous beside kustomize's own Kustomization kind. */
export function fluxTarget(ref: FluxRef): string {
  const group = FLUX_GROUPS[ref.kind];
  return group ? `${ref.kind}.${group}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** `Kustomization flux-system/prod`. */
export function formatFluxRef(ref: FluxRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}
