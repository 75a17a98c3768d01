import type * as vscode from 'vscode';
import type { ResourceDrift } from '../../core/drift/environmentDrift';
import type { CommitInfo } from '../../core/git/history';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { Failures } from '../shared/commands/failures';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';

/** What the promote and rollback flows use. */
export interface GitOpsDeps {
  store: WorkspaceStore;
  ui: Ui;
  failures: Failures;
  github: GitHubAccess;
  log: vscode.LogOutputChannel;
}

export type GitOpsPick<T> = vscode.QuickPickItem & { value: T };

/** What a promote or rollback was started on, from any surface. */
export interface GitOpsTarget {
  env?: string;
  /** Code lenses name the target explicitly (`Promote to prod`). */
  to?: string;
  /** `kind/name` of the resource it was started on. */
  resource?: string;
  commit?: CommitInfo;
  /** `env` is the environment of the manifest in the editor, not one a surface chose. */
  fromEditor?: boolean;
}

export function gitOpsTarget(store: WorkspaceStore, t: CommandTarget): GitOpsTarget {
  const r = t.env && t.key ? store.resource(t.env, t.key) : undefined;
  const resource = t.resourceName ?? (r ? kindName(r) : undefined);
  return {
    ...(t.env ? { env: t.env } : {}),
    ...(t.to ? { to: t.to } : {}),
    ...(resource ? { resource } : {}),
    ...(t.commit ? { commit: t.commit } : {}),
    ...(t.fromEditor ? { fromEditor: true } : {}),
  };
}

/** Overlays may rename a rendered object (prefixes): promotion names it as its base does. */
function kindName(r: Pick<ResourceDrift, 'id' | 'resource'>): string {
  return `${r.id.kind}/${r.resource?.rendered?.origin.name ?? r.id.name}`;
}
