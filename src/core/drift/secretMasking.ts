import { isRecord } from '../manifests/resourceId';
import { LAST_APPLIED_ANNOTATION } from './fieldOwnership';
import { desiredSecretData, isSecret, liveSecretData, SECRET_MASK, SECRET_MASK_DIFFERENT, secretValuesEqual, setOwn } from './secretData';

/**
 * The live object as the rest of the product sees it: a Secret with every value replaced by
 * an Argo CD style mask (equal to Git's value: `++++++++`, different: `++++++++++++`) and
 * without its last-applied-configuration (which repeats the values). The real object stays
 * reachable only from the masked one, in this module, so that re-comparing a draft against
 * it (drafts re-use the last live state) still compares values without any surface holding them.
 */
const originals = new WeakMap<object, unknown>();

export function displayedLive(live: unknown, desired?: unknown): unknown {
  if (!isSecret(live)) return live;
  const want = isSecret(desired) ? desiredSecretData(desired) : undefined;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(liveSecretData(live))) {
    const entry = want?.get(key);
    setOwn(data, key, entry && !secretValuesEqual(entry.value, value) ? SECRET_MASK_DIFFERENT : SECRET_MASK);
  }
  const { stringData: _stringData, ...rest } = live;
  const masked: Record<string, unknown> = { ...rest, data, metadata: withoutLastApplied(live.metadata) };
  originals.set(masked, live);
  return masked;
}

/** The object displayedLive masked, or the object itself. */
export function unmasked(live: unknown): unknown {
  return isRecord(live) ? (originals.get(live) ?? live) : live;
}

function withoutLastApplied(metadata: unknown): unknown {
  if (!isRecord(metadata) || !isRecord(metadata.annotations) || !Object.hasOwn(metadata.annotations, LAST_APPLIED_ANNOTATION)) return metadata;
  const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } = metadata.annotations;
  return { ...metadata, annotations };
}
