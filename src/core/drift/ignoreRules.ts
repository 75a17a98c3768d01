import type { DriftIgnoreRule } from '../config/types';

/** Splits a `drift.ignore` path on unescaped dots: `metadata.annotations.a\.b/c` → [metadata, annotations, a.b/c]. */
export function parseIgnorePath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * The ignore rules that apply to one kind. A rule ignores its path and everything
 * below it. A segment matches a key, a list index, `*`, or — for list items — the
 * item's `name` (`spec.template.spec.containers.web.image`).
 */
export class IgnoreMatcher {
  private readonly rules: string[][];

  constructor(rules: readonly DriftIgnoreRule[], kind: string) {
    this.rules = rules.filter((r) => r.kind === undefined || r.kind === kind).map((r) => parseIgnorePath(r.path));
  }

  /** @param aliases per segment, an alternative name (list item name) or undefined */
  ignores(segments: readonly string[], aliases: readonly (string | undefined)[]): boolean {
    if (this.rules.length === 0) return false;
    return this.rules.some(
      (rule) =>
        rule.length <= segments.length &&
        rule.every((part, i) => part === '*' || part === segments[i] || (aliases[i] !== undefined && part === aliases[i])),
    );
  }
}
