/**
 * The status vocabulary every live provider reports through:
 * - InSync: live matches what the manifest sets
 * - Drifted: some set field differs
 * - Missing: in the manifests, not live
 * - Extra: live only (reported only when the provider lists everything)
 * - Unknown: no live state (no source, or it could not be read)
 * - Error: the provider failed
 */
export type ResourceStatus = 'InSync' | 'Drifted' | 'Missing' | 'Extra' | 'Unknown' | 'Error';

export const RESOURCE_STATUSES: readonly ResourceStatus[] = ['InSync', 'Drifted', 'Missing', 'Extra', 'Unknown', 'Error'];

export function emptyStatusCounts(): Record<ResourceStatus, number> {
  return { InSync: 0, Drifted: 0, Missing: 0, Extra: 0, Unknown: 0, Error: 0 };
}
