import { keysForList } from '../drift/listMatching';
import { pointerSegments } from '../manifests/jsonPointer';
import { isRecord } from '../manifests/resourceId';

/**
 * `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[name=web].image`:
 * keyed list items are named by their merge keys (read from `object`, the document the
 * pointer points into), so the label survives reordering; unkeyed items keep `[0]`.
 * Keys containing dots are quoted: `metadata.annotations["a.b/c"]`.
 */
export function fieldPathLabel(pointer: string, object: unknown, apiVersion: string, kind: string): string {
  const segments = pointerSegments(pointer);
  let label = '';
  let value = object;
  segments.forEach((segment, i) => {
    if (Array.isArray(value)) {
      const item: unknown = value[Number(segment)];
      const keys = keysForList(apiVersion, kind, segments.slice(0, i), value, value);
      const named = isRecord(item) && keys ? keys.filter((k) => item[k] !== undefined && item[k] !== null) : [];
      label += named.length && isRecord(item) ? `[${named.map((k) => `${k}=${String(item[k])}`).join(',')}]` : `[${segment}]`;
      value = item;
    } else {
      label += /^[A-Za-z0-9_-]+$/.test(segment) ? (label ? `.${segment}` : segment) : `[${JSON.stringify(segment)}]`;
      value = isRecord(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
    }
  });
  return label;
}
