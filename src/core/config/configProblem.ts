import type { Range } from '../text/range';

/** A finding in youops.yaml, anchored to the exact key or value it is about. */
export interface ConfigProblem {
  severity: 'error' | 'warning';
  message: string;
  /** JSON pointer of the offending node, e.g. `/environments/1/live`. */
  path: string;
  range: Range;
}
