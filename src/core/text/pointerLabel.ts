import { pointerSegments } from '../manifests/jsonPointer';

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`, how people write paths. */
export function pointerLabel(pointer: string): string {
  return pointerSegments(pointer).reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}
