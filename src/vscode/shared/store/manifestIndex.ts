import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { driftByFile, type FileDrift, type FileDriftField } from '../../../core/environments/driftSources';
import type { ResourceInEnvironment } from '../../../core/environments/draftDrift';
import type { WorkspaceState } from './workspaceState';

export type { ResourceInEnvironment } from '../../../core/environments/draftDrift';

/** A drifted field as the line that shows it sees it, in one environment. */
export interface FieldInEnvironment {
  env: string;
  field: FileDriftField;
}

/**
 * File → what each environment says about it: the resources that originate there (a base
 * shared by staging and prod answers for both), and the drifted fields whose desired value it
 * sets (a patch, a kustomization.yaml entry) or whose base line an overlay overrides. Built
 * once per store change (one pass over every environment) so decorations, lenses and hovers
 * never scan the environments themselves. Unsaved drafts replace the saved state of their file.
 */
export class ManifestIndex {
  private readonly byFile: Map<string, FileDrift[]>;
  /** Files an environment's rendering read (kustomization.yaml, patches, env files) → the environments. */
  private readonly readers = new Map<string, Set<string>>();

  constructor(
    state: WorkspaceState,
    private readonly drafts: ReadonlyMap<string, ResourceInEnvironment[]> = new Map(),
  ) {
    const environments: Array<{ environment: string; resources: ResourceDrift[] }> = [];
    if (state.kind === 'ready') {
      for (const entry of state.environments) {
        const s = entry.state;
        // Read from another branch: its lines do not describe the working-tree file, which may not even exist.
        if (!s || s.desiredRef) continue;
        const resources = s.drift.resources.filter((r) => !r.resource?.file || !drafts.has(r.resource.file));
        for (const items of drafts.values()) for (const i of items) if (i.env === entry.name) resources.push(i.resource);
        environments.push({ environment: entry.name, resources });
        for (const o of s.rendering?.overlays ?? []) for (const f of o.inputs) this.readers.set(f, (this.readers.get(f) ?? new Set()).add(entry.name));
      }
    }
    this.byFile = driftByFile(environments);
  }

  /** True when what `file` shows comes from its unsaved text (it is being edited). */
  isDraft(file: string): boolean {
    return this.drafts.has(file);
  }

  /** Files with something to show: resources declared there, or drifted values set there. */
  files(): string[] {
    return [...this.byFile.keys()];
  }

  /** Each environment's view of `file`, in the order of youops.yaml. */
  inFile(file: string): readonly FileDrift[] {
    return this.byFile.get(file) ?? [];
  }

  /** The resources that originate in `file`, per environment. */
  resourcesIn(file: string): ResourceInEnvironment[] {
    return this.inFile(file).flatMap((e) => e.resources.map((r) => ({ env: e.environment, resource: r.drift })));
  }

  /** Resources whose source range covers `line` (0-based). */
  at(file: string, line: number): ResourceInEnvironment[] {
    return this.resourcesIn(file).filter(({ resource }) => {
      const r = resource.resource!.range;
      return line >= r.start.line && line <= r.end.line;
    });
  }

  /** Drifted fields shown in `file`, per environment. */
  fieldsIn(file: string): FieldInEnvironment[] {
    return this.inFile(file).flatMap((e) => e.fields.map((field) => ({ env: e.environment, field })));
  }

  /** Drifted fields whose key or value sits on `line`. */
  fieldsAt(file: string, line: number): FieldInEnvironment[] {
    return this.fieldsIn(file).filter(({ field }) => field.range.start.line === line || field.valueRange?.start.line === line);
  }

  /** Environments `file` belongs to: they declare resources in it, set values in it, or render it. */
  environmentsOf(file: string): string[] {
    const names = new Set(this.inFile(file).map((e) => e.environment));
    for (const env of this.readers.get(file) ?? []) names.add(env);
    return [...names];
  }
}
