import { DEFAULT_FIELD_MANAGERS } from '../config/types';
import { shapeForDiff } from './compare';
import type { DriftRules, ResourceDrift } from './environmentDrift';
import { toYaml } from './normalize';
import { unmasked } from './secretMasking';

/**
 * The two documents of Show Drift for one resource: Git's object and the live object, shaped
 * by the same walk as the resource's status (see shapeForDiff), so the diff shows exactly the
 * drift the badge counts; Secret values masked on both sides.
 */
export function driftDocuments(r: ResourceDrift, env: string, rules: DriftRules = { ignore: [] }): { desired: string; live: string } {
  const live = r.live === undefined ? undefined : unmasked(r.live);
  const shaped = shapeForDiff(r.resource?.object, live, {
    kind: r.id.kind,
    apiVersion: r.id.apiVersion,
    ignore: rules.ignore,
    fieldManagers: rules.fieldManagers ?? DEFAULT_FIELD_MANAGERS,
    hidden: r.hiddenPaths?.length ? new Set(r.hiddenPaths) : undefined,
  });
  return {
    desired: r.resource ? toYaml(shaped.desired ?? {}) : '# Not declared in Git (live only).\n',
    live: live === undefined ? `# Not found in the live state of ${env}.\n` : toYaml(shaped.live ?? {}),
  };
}
