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
