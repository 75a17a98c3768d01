import { stringify } from 'yaml';
import type { DriftIgnoreRule } from '../config/types';
import { isRecord } from '../manifests/resourceId';
import { shapeForDiff } from './compare';

export interface NormalizeOptions {
  /**
   * Keep fields only the live object has (server defaults, injected sidecars).
   * Off by default: the diff then shows exactly what drift detection compares.
   */
  keepLiveOnlyFields?: boolean;
  ignore?: readonly DriftIgnoreRule[];
  hidden?: ReadonlySet<string>;
  fieldManagers?: readonly string[];
}

/**
 * The live object shaped for a read-only diff against the manifest, by the same rule as drift
 * detection (see shapeForDiff): server-managed fields stripped, keys and keyed items in the
 * manifest's order, values equal by meaning (`1000m` vs `1`) written as the manifest writes
 * them, live-only fields only where they are drift, Secret values masked.
 */
export function normalizeLiveForDiff(desired: unknown, live: unknown, options: NormalizeOptions = {}): unknown {
  return shapeForDiff(desired, live, { ...options, ...identityOf(desired ?? live), ignore: options.ignore ?? [] }).live;
}

/** apiVersion and kind of an object, for the schema rules. */
export function identityOf(object: unknown): { apiVersion: string; kind: string } {
  const root = isRecord(object) ? object : {};
  return { apiVersion: typeof root.apiVersion === 'string' ? root.apiVersion : '', kind: typeof root.kind === 'string' ? root.kind : '' };
}

/** YAML text for diff documents; long strings are not folded so lines compare cleanly. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
