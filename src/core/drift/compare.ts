import type { DriftIgnoreRule } from '../config/types';
import { pointerFromSegments } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';
import { IgnoreMatcher } from './ignoreRules';
import { keysForList, matchListItems } from './listMatching';
import { isQuantityPath, quantitiesEqual } from './quantity';
import { isServerManagedPath } from './serverFields';

/** One field where live state differs from what the manifest sets. */
export interface FieldDrift {
  /** JSON pointer into the desired document, e.g. `/spec/template/spec/containers/0/image`. */
  path: string;
  desired: unknown;
  /** undefined = absent from the live object */
  live: unknown;
  reason: 'changed' | 'missing';
}

export interface DiffOptions {
  kind: string;
  apiVersion: string;
  ignore: readonly DriftIgnoreRule[];
  /** Pointers whose live value the source hides (LiveObject.hiddenPaths): never reported. */
  hidden?: ReadonlySet<string>;
}

/**
 * Compares only what the desired manifest sets: live-only fields (defaults, status,
 * injected sidecars, server metadata) are not drift. Keyed lists are matched by
 * merge key, so reordering is not drift; desired `null` means "unset".
 */
export function diffObjects(desired: unknown, live: unknown, opts: DiffOptions): FieldDrift[] {
  const drifts: FieldDrift[] = [];
  const ignore = new IgnoreMatcher(opts.ignore, opts.kind);
  const segments: string[] = [];
  const aliases: Array<string | undefined> = [];

  const report = (desiredValue: unknown, liveValue: unknown): void => {
    const path = pointerFromSegments(segments);
    // A hidden live value is unknown, not different: checked only on report, so the walk stays cheap.
    if (opts.hidden?.has(path)) return;
    drifts.push({
      path,
      desired: desiredValue,
      live: liveValue,
      reason: liveValue === undefined ? 'missing' : 'changed',
    });
  };

  const walk = (d: unknown, l: unknown): void => {
    if (d === null || d === undefined) return;
    if (segments.length > 0 && (isServerManagedPath(segments) || ignore.ignores(segments, aliases))) return;
    if (l === null) l = undefined;

    if (Array.isArray(d)) {
      if (l === undefined) {
        if (d.length > 0) report(d, undefined); // empty lists are omitted by the server
      } else if (!Array.isArray(l)) {
        report(d, l);
      } else {
        walkList(d, l);
      }
    } else if (isRecord(d)) {
      if (l !== undefined && !isRecord(l)) return report(d, l);
      // With the whole map absent, recurse anyway: each missing leaf gets its own location.
      const liveMap = l as Record<string, unknown> | undefined;
      for (const key of Object.keys(d)) {
        segments.push(key);
        aliases.push(undefined);
        walk(d[key], liveMap?.[key]);
        segments.pop();
        aliases.pop();
      }
    } else if (l === undefined) {
      report(d, undefined);
    } else if (!scalarsEqual(d, l)) {
      report(d, l);
    }
  };

  const walkList = (d: unknown[], l: unknown[]): void => {
    const keys = keysForList(opts.apiVersion, opts.kind, segments, d, l);
    if (keys) {
      const matches = matchListItems(d, l, keys);
      d.forEach((item, i) => {
        withItem(i, item, () => {
          const match = matches[i];
          if (match === undefined) {
            if (item !== null && item !== undefined && !ignore.ignores(segments, aliases)) report(item, undefined);
          } else {
            walk(item, l[match]);
          }
        });
      });
      return;
    }
    // Without keys, scalar lists (args, command) are atomic values; object lists go by position.
    if (d.every((item) => !isRecord(item) && !Array.isArray(item))) {
      const equal = d.length === l.length && d.every((item, i) => scalarsEqual(item, l[i]));
      if (!equal) report(d, l);
      return;
    }
    d.forEach((item, i) => withItem(i, item, () => walk(item, l[i])));
  };

  const withItem = (index: number, item: unknown, fn: () => void): void => {
    segments.push(String(index));
    aliases.push(isRecord(item) && typeof item.name === 'string' ? item.name : undefined);
    fn();
    segments.pop();
    aliases.pop();
  };

  const scalarsEqual = (a: unknown, b: unknown): boolean => {
    if (a === b) return true;
    if (isQuantityPath(segments) && quantitiesEqual(a, b)) return true;
    return false;
  };

  walk(desired, live === null ? undefined : live);
  return drifts;
}
