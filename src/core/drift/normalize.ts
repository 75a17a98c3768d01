import { stringify } from 'yaml';
import { isRecord } from '../manifests/resourceId';
import { keysForList, matchListItems } from './listMatching';
import { isQuantityPath, quantitiesEqual } from './quantity';
import { isServerManagedPath } from './serverFields';

export interface NormalizeOptions {
  /**
   * Keep fields only the live object has (server defaults, injected sidecars).
   * Off by default: the diff then shows exactly what drift detection compares.
   */
  keepLiveOnlyFields?: boolean;
}

/**
 * The live object shaped for a read-only diff against the manifest: server-managed
 * fields stripped, keys in the manifest's order, keyed list items in the manifest's
 * order, and values equal by meaning (`1000m` vs `1`) written as the manifest writes them.
 */
export function normalizeLiveForDiff(desired: unknown, live: unknown, options: NormalizeOptions = {}): unknown {
  const keepExtra = options.keepLiveOnlyFields ?? false;
  const root = isRecord(desired) ? desired : {};
  const apiVersion = typeof root.apiVersion === 'string' ? root.apiVersion : '';
  const kind = typeof root.kind === 'string' ? root.kind : '';
  const segments: string[] = [];

  const shape = (d: unknown, l: unknown): unknown => {
    if (isRecord(l)) {
      const dm = isRecord(d) ? d : {};
      const out: Record<string, unknown> = {};
      const keys = [...Object.keys(dm).filter((k) => k in l), ...Object.keys(l).filter((k) => !(k in dm) && (keepExtra || d === undefined))];
      for (const key of keys) {
        segments.push(key);
        // Top-level apiVersion/kind stay: they make the document readable.
        const skip = isServerManagedPath(segments) && !(segments.length === 1 && (key === 'apiVersion' || key === 'kind'));
        if (!skip) {
          const value = shape(dm[key], l[key]);
          if (!(isRecord(value) && Object.keys(value).length === 0 && !isRecord(dm[key]))) out[key] = value;
        }
        segments.pop();
      }
      return out;
    }
    if (Array.isArray(l)) {
      if (!Array.isArray(d)) return l.map((item, i) => withSegment(String(i), () => shape(undefined, item)));
      const listKeys = keysForList(apiVersion, kind, segments, d, l);
      let pairs: Array<[unknown, number]>; // [desired item, live index]
      if (listKeys) {
        const matches = matchListItems(d, l, listKeys);
        pairs = matches.flatMap((li, di): Array<[unknown, number]> => (li === undefined ? [] : [[d[di], li]]));
        if (keepExtra) l.forEach((_, li) => !matches.includes(li) && pairs.push([undefined, li]));
      } else {
        // Positional lists keep their live tail: a longer live list is a real difference.
        pairs = l.map((_, li): [unknown, number] => [d[li], li]);
      }
      return pairs.map(([desiredItem, li], position) => withSegment(String(position), () => shape(desiredItem, l[li])));
    }
    if (d !== undefined && d !== l && isQuantityPath(segments) && quantitiesEqual(d, l)) return d;
    return l;
  };

  const withSegment = <T>(segment: string, fn: () => T): T => {
    segments.push(segment);
    try {
      return fn();
    } finally {
      segments.pop();
    }
  };

  return shape(desired, live);
}

/** YAML text for diff documents; long strings are not folded so lines compare cleanly. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
