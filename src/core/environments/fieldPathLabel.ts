import type { ResourceDrift } from '../drift/environmentDrift';
import { keysForList } from '../drift/listMatching';
import { isRecord } from '../manifests/resourceId';
import { formatFieldPath, type FieldStep } from '../text/fieldPath';
import { pointerSegments } from '../text/jsonPointer';

/**
 * `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[name=web].image`:
 * keyed list items are named by their merge keys (read from `object`, the document the
 * pointer points into), so the label survives reordering; unkeyed items keep `[0]`.
 */
export function fieldPathLabel(pointer: string, object: unknown, apiVersion: string, kind: string): string {
  const segments = pointerSegments(pointer);
  const steps: FieldStep[] = [];
  let value = object;
  segments.forEach((segment, i) => {
    if (Array.isArray(value)) {
      const item: unknown = value[Number(segment)];
      const listKeys = keysForList(apiVersion, kind, segments.slice(0, i), value, value);
      const keys = isRecord(item) && listKeys ? listKeys.filter((k) => item[k] !== undefined && item[k] !== null).map((k) => [k, item[k]] as const) : [];
      steps.push({ index: Number(segment), keys });
      value = item;
    } else {
      steps.push({ key: segment });
      value = isRecord(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
    }
  });
  return formatFieldPath(steps);
}

/** A drifted field of `resource` as every surface names it: by the desired document's merge keys, as the CLI prints it. */
export function driftFieldLabel(resource: Pick<ResourceDrift, 'id' | 'resource' | 'live'>, pointer: string): string {
  return fieldPathLabel(pointer, resource.resource?.object ?? resource.live, resource.id.apiVersion, resource.id.kind);
}
