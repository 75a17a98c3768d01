import { pointerSegments } from '../manifests/jsonPointer';

/** `/spec/containers/0/image` → `spec.containers[0].image`: how people write field paths (odd keys quoted). */
export function pointerLabel(pointer: string): string {
  return pointerSegments(pointer).reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : /^[A-Za-z0-9_$-]+$/.test(part) ? (acc ? `${acc}.${part}` : part) : `${acc}[${JSON.stringify(part)}]`),
    '',
  );
}
