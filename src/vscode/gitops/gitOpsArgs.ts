import type { ResourceDrift } from '../../core/drift/environmentDrift';
import type { CommitInfo } from '../../core/git/history';
import type { WorkspaceStore } from '../store/workspaceStore';

/** What a promote or rollback was started on, from any surface. */
export interface GitOpsTarget {
  env?: string;
  /** Code lenses name the target explicitly (`Promote to prod`). */
  to?: string;
  /** `kind/name` of the resource it was started on. */
  resource?: string;
  commit?: CommitInfo;
}

/**
 * Reads tree nodes (`{type, env, resource|commit}`), lens/hover refs (`{env, key}`),
 * lens promotions (`{to, from, resource}`) and Run operation's `{operation, context}`.
 */
export function gitOpsTarget(store: WorkspaceStore, arg: unknown): GitOpsTarget {
  let a = arg as Record<string, unknown> | undefined;
  if (a && typeof a.operation === 'string') a = a.context as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object') return {};
  const env = typeof a.env === 'string' ? a.env : typeof a.from === 'string' ? a.from : undefined;
  const target: GitOpsTarget = { ...(env ? { env } : {}), ...(typeof a.to === 'string' ? { to: a.to } : {}) };
  if (typeof a.resource === 'string') target.resource = a.resource;
  else if (a.resource && typeof a.resource === 'object') target.resource = kindName(a.resource as ResourceDrift);
  else if (typeof a.key === 'string' && env) {
    const r = store.environment(env)?.state?.drift.resources.find((x) => x.key === a!.key);
    if (r) target.resource = kindName(r);
  }
  if (a.commit && typeof a.commit === 'object' && typeof (a.commit as CommitInfo).hash === 'string') target.commit = a.commit as CommitInfo;
  return target;
}

function kindName(r: Pick<ResourceDrift, 'id'>): string {
  return `${r.id.kind}/${r.id.name}`;
}

