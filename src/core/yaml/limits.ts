/** Bounds of the YAML reading layer: work stays linear in the input whatever the input. */

/** Deeper nesting is refused ("nested too deeply"): no real manifest comes near it, and deeper recursion could exhaust the stack. */
export const MAX_DEPTH = 1000;

/**
 * go-yaml v2's guard against alias bombs, which kubectl applies: a document fails with
 * "document contains excessive aliasing" once more than 100 of its decoded nodes came from
 * alias expansions and they exceed a share of all decoded nodes that falls from 99% (up to
 * 400,000 nodes) to 10% (from 4,000,000). It budgets the expanded size, not the alias count,
 * so everything that walks a value (drift, validation, diff) stays bounded.
 */
export class AliasBudget {
  private decoded = 0;
  private fromAliases = 0;

  /** A node read where it is written. */
  node(): void {
    this.decoded++;
  }

  /** An alias expanding to `size` nodes; false once the budget is exceeded. */
  alias(size: number): boolean {
    this.decoded += 1 + size;
    this.fromAliases += size;
    return !(this.fromAliases > 100 && this.decoded > 1000 && this.fromAliases / this.decoded > allowedAliasRatio(this.decoded));
  }

  get expanded(): number {
    return this.decoded;
  }
}

export const EXCESSIVE_ALIASING = 'document contains excessive aliasing';

function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}
