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
  /** The drift itself (reason, masking), for the surfaces' shared text. */
  drift: DriftedField;
  /** Where in this file the field is shown: the line that sets it, or the base line an overlay overrides. */
  range: Range;
  /** Where its value is written in this file, when it is (hovers answer on the value's line too). */
  valueRange?: Range;
  /** Where the desired value is set (may be another file: "set by overlays/prod/deployment-patch.yaml:7"). */
  source: ValueSource;
  /** True when `source` is this file: editing here changes the value. False: an overlay overrides this line. */
  setHere: boolean;
}

/** One environment's view of one file. */
export interface FileDrift {
  environment: string;
  /** Resources that originate in this file (base documents, generators), with their status in this environment. */
  resources: Array<{ key: string; id: ResourceId; status: ResourceStatus; range: Range; drift: ResourceDrift }>;
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
  return driftByFile(states.filter((s) => !s.desiredRef).map((s) => ({ environment: s.config.name, resources: s.drift.resources }))).get(file) ?? [];
}

/**
 * fileDrift for every file at once, in one pass over the environments' resources: the index
 * the editor builds once per refresh. Each file lists its environments in the order given.
 */
export function driftByFile(environments: ReadonlyArray<{ environment: string; resources: readonly ResourceDrift[] }>): Map<string, FileDrift[]> {
  const out = new Map<string, FileDrift[]>();
  for (const { environment, resources } of environments) {
    const entries = new Map<string, FileDrift>();
    const entryFor = (file: string): FileDrift => {
      let entry = entries.get(file);
      if (!entry) {
        entry = { environment, resources: [], fields: [] };
        entries.set(file, entry);
        const list = out.get(file);
        if (list) list.push(entry);
        else out.set(file, [entry]);
      }
      return entry;
    };
    for (const r of resources) {
      const m = r.resource;
      if (!m?.file) continue;
      entryFor(m.file).resources.push({ key: r.key, id: r.id, status: r.status, range: m.range, drift: r });
      for (const f of r.fields) {
        const source = desiredValueSource(r, f);
        if (!source) continue;
        const field = { resourceKey: r.key, id: r.id, pointer: f.path, label: fieldPathLabel(f.path, m.object, r.id.apiVersion, r.id.kind), desired: f.desired, live: f.live, drift: f, source };
        entryFor(source.file).fields.push({ ...field, range: source.range, ...(source.valueRange ? { valueRange: source.valueRange } : {}), setHere: true });
        // The origin's line of a value an overlay overrides: shown there too, saying where it is set.
        if (source.file !== m.file && f.location) entryFor(m.file).fields.push({ ...field, range: f.location.keyRange, valueRange: f.location.valueRange, setHere: false });
      }
    }
  }
  return out;
}
