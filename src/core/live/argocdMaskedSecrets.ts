import { joinPointer } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';

/**
 * Argo CD never returns Secret values: in managed-resources it replaces each `data` value
 * with a run of `+` (8, 12, 16…; equal values share a length), after folding `stringData`
 * into `data`. This is where that masking is recognised; the rule that a hidden value is
 * "unknown, not compared" lives in the drift engine (DiffOptions.hidden), so it applies
 * only to objects this provider marks.
 */
const MASK = /^\+{8,}$/;

/** Pointers of the masked values of a Secret from Argo CD; empty for anything else. */
export function maskedSecretPaths(object: unknown): string[] {
  if (!isRecord(object) || object.kind !== 'Secret' || object.apiVersion !== 'v1' || !isRecord(object.data)) return [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(object.data)) {
    if (typeof value !== 'string' || !MASK.test(value)) continue;
    // The manifest may set the value under either field; the cluster only ever reports `data`.
    paths.push(joinPointer('/data', key), joinPointer('/stringData', key));
  }
  return paths;
}
