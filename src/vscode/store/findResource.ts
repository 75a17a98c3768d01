import type { ResourceDrift } from '../../core/drift/environmentDrift';
import type { WorkspaceStore } from './workspaceStore';

/** Identifies a resource row across surfaces (tree, lenses, hovers, commands). */
export interface ResourceRef {
  env: string;
  key: string;
  path?: string;
}

export function findResource(store: WorkspaceStore, ref: ResourceRef): ResourceDrift | undefined {
  return store.environment(ref.env)?.state?.drift.resources.find((r) => r.key === ref.key);
}

/** Every environment's view of the resources declared in `file` that cover `line`. */
export function resourcesAt(store: WorkspaceStore, file: string, line?: number): Array<{ env: string; resource: ResourceDrift }> {
  const state = store.state;
  if (state.kind !== 'ready') return [];
  const found: Array<{ env: string; resource: ResourceDrift }> = [];
  for (const entry of state.environments) {
    for (const r of entry.state?.drift.resources ?? []) {
      const m = r.resource;
      if (!m || m.file !== file) continue;
      if (line === undefined || (line >= m.range.start.line && line <= m.range.end.line)) found.push({ env: entry.name, resource: r });
    }
  }
  return found;
}
