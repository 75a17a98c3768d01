/** Fields the API server writes: never drift, and noise in a diff. */
export const SERVER_METADATA_FIELDS = new Set([
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

/** Annotations written by clients/controllers rather than by the manifest's author. */
export const SERVER_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
]);

/** Top-level fields never compared: identity is already matched, status is observed state. */
export const UNCOMPARED_TOP_LEVEL_FIELDS = new Set(['apiVersion', 'kind', 'status']);

/** True for paths (field names from the object root) the server owns. */
export function isServerManagedPath(segments: readonly string[]): boolean {
  if (segments.length === 1) return UNCOMPARED_TOP_LEVEL_FIELDS.has(segments[0]);
  if (segments[0] !== 'metadata') return false;
  if (segments.length === 2) return SERVER_METADATA_FIELDS.has(segments[1]);
  return segments.length === 3 && segments[1] === 'annotations' && SERVER_ANNOTATIONS.has(segments[2]);
}

/** True for metadata.namespace: part of the identity that matched the objects, never a drifted field. */
export function isIdentityPath(segments: readonly string[]): boolean {
  return segments.length === 2 && segments[0] === 'metadata' && segments[1] === 'namespace';
}

/** Labels and annotations the agents add to what they apply: tracking and release bookkeeping, not Git's. */
const AGENT_METADATA = /^(app\.kubernetes\.io\/instance|argocd\.argoproj\.io\/(tracking-id|installation-id)|meta\.helm\.sh\/.*|(kustomize|helm)\.toolkit\.fluxcd\.io\/.*)$/;

/** True for a label or annotation an agent writes itself, so its absence from Git is not a removal. */
export function isAgentBookkeeping(segments: readonly string[]): boolean {
  return segments.length === 3 && segments[0] === 'metadata' && (segments[1] === 'labels' || segments[1] === 'annotations') && AGENT_METADATA.test(segments[2]);
}
