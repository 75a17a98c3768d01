import { pointerSegments } from './jsonPointer';

/** One step of a field path: a key, or a list item named by its merge keys when they are known, else by position. */
export type FieldStep = { key: string } | { index: number; keys?: ReadonlyArray<readonly [string, unknown]> };

/**
 * The one notation YouOps writes field paths in — the CLI, the tree, hovers, tickets and messages:
 * `spec.template.spec.containers[name=web].image`, `args[0]`, and keys that are not plain names
 * quoted (`metadata.annotations["example.com/a.b"]`).
 */
export function formatFieldPath(steps: readonly FieldStep[]): string {
  let label = '';
  for (const step of steps) {
    if ('index' in step) label += step.keys?.length ? `[${step.keys.map(([k, v]) => `${k}=${String(v)}`).join(',')}]` : `[${step.index}]`;
    else label += /^[A-Za-z0-9_$-]+$/.test(step.key) ? (label ? `.${step.key}` : step.key) : `[${JSON.stringify(step.key)}]`;
  }
  return label;
}

/** `/spec/containers/0/image` → `spec.containers[0].image`: the notation where no merge keys are known (youops.yaml, schema errors). */
export function pointerLabel(pointer: string): string {
  return formatFieldPath(pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? { index: Number(s) } : { key: s })));
}
