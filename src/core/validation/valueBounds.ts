import { joinPointer } from '../manifests/jsonPointer';

/** Deeper than any real manifest (CRD schemas nest a few dozen levels), shallow enough for the validators' recursion. */
export const MAX_DEPTH = 500;
/** Like go-yaml's alias limit: aliases may expand a document this far, or ten times its own size, whichever is more. */
export const MAX_EXPANDED_NODES = 400_000;
const MAX_ALIAS_RATIO = 10;

export interface BoundsProblem {
  pointer: string;
  message: string;
  code: 'nested-too-deeply' | 'yaml-syntax';
}

/**
 * Whether a decoded document can be validated in time linear in its text: not nested deeper than
 * MAX_DEPTH, no alias cycle, and aliases that do not multiply its size (an alias graph validated
 * through a recursive schema visits every expanded path). Shared subtrees are measured once.
 * `mayShare` false (no `*alias` in the source) skips the bookkeeping for shared nodes.
 */
export function boundsProblem(value: unknown, mayShare = true): BoundsProblem | undefined {
  // The common case (a tree of ordinary depth) is one cheap pass; the bookkeeping is for the rest.
  if (!mayShare && !deeperThan(value, MAX_DEPTH)) return undefined;
  const measured = mayShare ? new Map<object, { height: number; expanded: number }>() : undefined;
  const onPath = new Set<object>();
  const path: string[] = [];
  let unique = 0;
  let problem: BoundsProblem | undefined;
  const here = () => path.reduce((p, s) => joinPointer(p, s), '');
  const visit = (node: object, depth: number): { height: number; expanded: number } => {
    const known = measured?.get(node);
    if (known) {
      if (depth + known.height > MAX_DEPTH) problem ??= tooDeep(here());
      return known;
    }
    if (mayShare && onPath.has(node)) {
      problem ??= { pointer: here(), code: 'yaml-syntax', message: 'YAML: an alias refers to a node that contains it (a cycle); not validated' };
      return { height: 0, expanded: 1 };
    }
    if (depth >= MAX_DEPTH) {
      problem ??= tooDeep(here());
      return { height: 1, expanded: 1 };
    }
    if (mayShare) onPath.add(node);
    let height = 0;
    let expanded = 1;
    unique++;
    const list = Array.isArray(node) ? node : undefined;
    for (const key in node) {
      const child: unknown = list ? list[Number(key)] : (node as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') {
        unique++;
        expanded++;
        height = Math.max(height, 1);
        continue;
      }
      path.push(key);
      const m = visit(child, depth + 1);
      path.pop();
      height = Math.max(height, m.height + 1);
      expanded = Math.min(expanded + m.expanded, Number.MAX_SAFE_INTEGER);
      if (problem) break;
    }
    if (mayShare) onPath.delete(node);
    const result = { height, expanded };
    measured?.set(node, result);
    return result;
  };
  if (value === null || typeof value !== 'object') return undefined;
  const { expanded } = visit(value, 0);
  if (problem) return problem;
  if (expanded > MAX_EXPANDED_NODES && expanded > MAX_ALIAS_RATIO * unique) {
    return { pointer: '', code: 'yaml-syntax', message: `YAML: document contains excessive aliasing (${unique} nodes expand to ${expanded > 1e9 ? 'over a billion' : expanded}); not validated` };
  }
  return undefined;
}

function tooDeep(pointer: string): BoundsProblem {
  return { pointer, code: 'nested-too-deeply', message: `nested too deeply (more than ${MAX_DEPTH} levels); not validated` };
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
