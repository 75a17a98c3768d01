import { joinPointer } from '../manifests/jsonPointer';

/**
 * Deeper than any real manifest (CRD schemas nest a few dozen levels) and shallower than the
 * reading layer's own limit: the compiled validators recurse once or twice per level.
 */
export const MAX_DEPTH = 500;

/**
 * A positioned "nested too deeply" problem for a decoded document the validators could not walk
 * without exhausting the stack. The reading layer already bounds aliases (go-yaml's budget) and
 * nesting; one cheap pass here, and a second one for the pointer only when it is too deep.
 */
export function boundsProblem(value: unknown): { pointer: string; message: string; code: 'nested-too-deeply' } | undefined {
  if (!deeperThan(value, MAX_DEPTH)) return undefined;
  return { pointer: deepestPointer(value, MAX_DEPTH), code: 'nested-too-deeply', message: `nested too deeply (more than ${MAX_DEPTH} levels); not validated` };
}

function deeperThan(node: unknown, levels: number): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (levels === 0) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (deeperThan(node[i], levels - 1)) return true;
    return false;
  }
  for (const key in node) if (deeperThan((node as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

/** Pointer of the first node `levels` deep. */
function deepestPointer(node: unknown, levels: number, pointer = ''): string {
  if (levels === 0 || node === null || typeof node !== 'object') return pointer;
  for (const [key, child] of Object.entries(node)) {
    if (deeperThan(child, levels - 1)) return deepestPointer(child, levels - 1, joinPointer(pointer, key));
  }
  return pointer;
}
