import { computeEnvironmentDrift, type DriftRules, type ResourceDrift } from '../drift/environmentDrift';
import type { LiveObject } from '../live/provider';
import type { ManifestResource } from '../manifests/manifestResource';
import type { EnvironmentState } from './environmentState';
import { renderedDraft } from './renderedDraft';

/** One resource as one environment sees it. */
export interface ResourceInEnvironment {
  env: string;
  resource: ResourceDrift;
}

/**
 * The drift of a manifest being edited, before it is saved: its resources (parsed from the
 * unsaved text) against the live objects of the last refresh of each environment that
 * deploys the file; in an environment that renders the file through kustomize, as its overlays
 * would render the draft (renderedDraft). Environments whose live state failed keep their status
 * for every resource.
 */
export function draftDrift(
  file: string,
  resources: ManifestResource[],
  environments: ReadonlyArray<{ name: string; state?: EnvironmentState }>,
  /** youops.yaml's drift settings (ignore rules, the agent's field managers). */
  rules: DriftRules,
): ResourceInEnvironment[] {
  const items: ResourceInEnvironment[] = [];
  for (const env of environments) {
    const drift = env.state?.drift;
    // Read from another branch, or not deploying this file by the last saved state (the draft may have removed every resource).
    const saved = drift && !env.state?.desiredRef ? drift.resources.filter((r) => r.resource?.file === file) : [];
    if (!drift || saved.length === 0) continue;
    // A rendered environment: the draft's base values under the overlays of the last render; what has no draft shows as saved.
    let desired = resources;
    if (saved.some((r) => r.resource!.rendered)) {
      desired = [];
      for (const r of saved) {
        const draft = r.resource!.rendered ? renderedDraft(r.resource!, resources) : undefined;
        if (draft) desired.push(draft);
        else items.push({ env: env.name, resource: r });
      }
    }
    if (drift.status === 'Error' || drift.status === 'Unknown') {
      for (const resource of desired) items.push({ env: env.name, resource: { key: resource.key, id: resource.id, status: drift.status, resource, fields: [] } });
      continue;
    }
    const live: LiveObject[] = drift.resources
      .filter((r) => r.live !== undefined)
      .map((r) => ({ id: r.id, key: r.key, object: r.live, hiddenPaths: r.hiddenPaths, target: r.target }));
    // Masked Secrets are compared with their real values (see secretMasking): the draft stays exact.
    const result = computeEnvironmentDrift(desired, { objects: live, complete: false, fetchedAt: new Date() }, rules);
    for (const resource of result.resources) if (resource.resource) items.push({ env: env.name, resource });
  }
  return items;
}

/** True when some environment deploys `file` by its last saved state: only then does a draft of it have drift. */
export function deploysFile(file: string, environments: ReadonlyArray<{ state?: EnvironmentState }>): boolean {
  return environments.some((e) => !e.state?.desiredRef && e.state?.drift.resources.some((r) => r.resource?.file === file));
}
