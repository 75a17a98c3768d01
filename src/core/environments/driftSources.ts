import type { ResourceDrift } from '../drift/environmentDrift';
import type { ResourceStatus } from '../drift/resourceStatus';
import type { ValueSource } from '../kustomize/valueSources';
import type { ResourceId } from '../manifests/resourceId';
import type { Range } from '../text/range';
import type { EnvironmentState } from './environmentState';
import { fieldPathLabel } from './fieldPathLabel';

type DriftedField = ResourceDrift['fields'][number];

/**
 * Where the desired value of a drifted field is set: for a rendered resource the patch,
 * kustomization entry or base line kustomize took it from (with what it overrides), else
 * the field's own line in the manifest.
 */
export function desiredValueSource(resource: ResourceDrift, field: DriftedField): ValueSource | undefined {
  const r = resource.resource;
  // No file: an object only the GitOps agent's rendering has (desired: argocd).
  if (!r || !r.file) return undefined;
  const traced = r.rendered?.sourceOf(field.path);
  if (traced) return traced;
  const loc = field.location;
  return { file: r.file, range: loc ? loc.keyRange : r.range, setBy: 'resource', ...(r.fields.has(field.path) ? {} : { ancestor: true }) };
}

/** A drifted field as one file shows it. */
export interface FileDriftField {
  resourceKey: string;
  id: ResourceId;
  /** JSON pointer into the desired object. */
  pointer: string;
  /** `spec.template.spec.containers[name=web].image`. */
  label: string;
  desired: unknown;
  live: unknown;
  /** Where in this file the field is shown: the line that sets it, or the base line an overlay overrides. */
  range: Range;
  /** Where the desired value is set (may be another file: "set by overlays/prod/deployment-patch.yaml:7"). */
  source: ValueSource;
  /** True when `source` is this file: editing here changes the value. False: an overlay overrides this line. */
  setHere: boolean;
}

/** One environment's view of one file. */
export interface FileDrift {
  environment: string;
  /** Resources that originate in this file (base documents, generators), with their status in this environment. */
  resources: Array<{ key: string; id: ResourceId; status: ResourceStatus; range: Range }>;
  /** Drifted fields set in this file (patches, kustomization entries) or originating here. */
  fields: FileDriftField[];
}

/**
 * What each environment says about a file, for lenses, hovers and decorations: a base shared
 * by staging and prod gets an entry per environment (`⚠ prod: 1 drifted · ✓ staging`), a
 * patch file or kustomization.yaml the fields whose desired value it sets. Environments
 * whose desired state came from another branch are left out (their lines are that branch's).
 */
export function fileDrift(states: readonly EnvironmentState[], file: string): FileDrift[] {
  const out: FileDrift[] = [];
  for (const s of states) {
    if (s.desiredRef) continue;
    const entry: FileDrift = { environment: s.config.name, resources: [], fields: [] };
    for (const r of s.drift.resources) {
      const m = r.resource;
      if (!m) continue;
      if (m.file === file) entry.resources.push({ key: r.key, id: r.id, status: r.status, range: m.range });
      for (const f of r.fields) {
        const source = desiredValueSource(r, f);
        if (!source) continue;
        const setHere = source.file === file;
        const originHere = m.file === file && f.location !== undefined;
        if (!setHere && !originHere) continue;
        entry.fields.push({
          resourceKey: r.key,
          id: r.id,
          pointer: f.path,
          label: fieldPathLabel(f.path, m.object, r.id.apiVersion, r.id.kind),
          desired: f.desired,
          live: f.live,
          range: setHere ? source.range : f.location!.keyRange,
          source,
          setHere,
        });
      }
    }
    if (entry.resources.length || entry.fields.length) out.push(entry);
  }
  return out;
}
