import type { ResourceInEnvironment } from '../../../core/environments/draftDrift';
import type { WorkspaceState } from './workspaceState';

export type { ResourceInEnvironment } from '../../../core/environments/draftDrift';

/**
 * Manifest file → the resources it declares, per environment. Built once per
 * store change so decorations, lenses and hovers don't each scan every environment.
 */
export class ManifestIndex {
  private readonly byFile = new Map<string, ResourceInEnvironment[]>();

  /** `drafts` replace the saved state of files being edited. */
  constructor(state: WorkspaceState, drafts: ReadonlyMap<string, ResourceInEnvironment[]> = new Map()) {
    for (const [file, items] of drafts) this.byFile.set(file, items);
    if (state.kind !== 'ready') return;
    for (const entry of state.environments) {
      // Read from another branch: its lines do not describe the working-tree file, which may not even exist.
      if (entry.state?.desiredRef) continue;
      for (const resource of entry.state?.drift.resources ?? []) {
        const file = resource.resource?.file;
        if (!file || drafts.has(file)) continue;
        const list = this.byFile.get(file) ?? [];
        list.push({ env: entry.name, resource });
        this.byFile.set(file, list);
      }
    }
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  inFile(file: string): ResourceInEnvironment[] {
    return this.byFile.get(file) ?? [];
  }

  /** Resources whose source range covers `line` (0-based). */
  at(file: string, line: number): ResourceInEnvironment[] {
    return this.inFile(file).filter(({ resource }) => {
      const r = resource.resource!.range;
      return line >= r.start.line && line <= r.end.line;
    });
  }

  /** Drifted fields whose key or value sits on `line`. */
  fieldsAt(file: string, line: number): Array<ResourceInEnvironment & { fieldIndex: number }> {
    const found: Array<ResourceInEnvironment & { fieldIndex: number }> = [];
    for (const item of this.inFile(file)) {
      item.resource.fields.forEach((f, fieldIndex) => {
        if (f.location && (f.location.keyRange.start.line === line || f.location.valueRange.start.line === line)) found.push({ ...item, fieldIndex });
      });
    }
    return found;
  }
}
