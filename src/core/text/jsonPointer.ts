/** RFC 6901 JSON pointers: the path language shared by field locations and drift results. */

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(parent: string, segment: string | number): string {
  return `${parent}/${escapePointerSegment(String(segment))}`;
}

export function pointerFromSegments(segments: Array<string | number>): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value `pointer` names inside `object`; undefined when any step is missing or not a container. */
export function valueAt(object: unknown, pointer: string): unknown {
  let value = object;
  for (const segment of pointerSegments(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
