import { keysForList, matchListItems } from './listMatching';
import { pointerFromSegments, pointerSegments } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';

/**
 * The pointer of the same field in another version of the object: keyed list items are
 * followed by merge key (containers by name), so `/…/containers/1/image` in one file
 * can be `/…/containers/0/image` in the other. Undefined when the field is absent there.
 */
export function counterpartPointer(pointer: string, from: unknown, to: unknown, apiVersion: string, kind: string): string | undefined {
  const segments = pointerSegments(pointer);
  const out: string[] = [];
  let a = from;
  let b = to;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (Array.isArray(a)) {
      if (!Array.isArray(b)) return undefined;
      const index = Number(segment);
      const keys = keysForList(apiVersion, kind, segments.slice(0, i), a, b);
      const j = keys ? matchListItems([a[index]], b, keys)[0] : index < b.length ? index : undefined;
      if (j === undefined) return undefined;
      a = a[index];
      b = b[j];
      out.push(String(j));
    } else {
      // Own keys only: `constructor` or `toString` in data are keys like any other.
      if (!isRecord(b) || !Object.hasOwn(b, segment)) return undefined;
      a = isRecord(a) && Object.hasOwn(a, segment) ? a[segment] : undefined;
      b = b[segment];
      out.push(segment);
    }
  }
  return pointerFromSegments(out);
}
