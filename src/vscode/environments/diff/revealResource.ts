import * as vscode from 'vscode';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';
import { toVsRange } from '../../shared/vsRange';

/** Opens the manifest at the resource, or at the drifted field when the reference names one. */
export async function revealResource(store: WorkspaceStore, ui: Ui, ref: ResourceRef): Promise<void> {
  const r = store.resource(ref.env, ref.key);
  if (!r?.resource) {
    void ui.notify('info', r ? 'This object exists only in the live state: no manifest declares it.' : 'Resource not found; refresh the YouOps view.');
    return;
  }
  const desiredRef = store.environment(ref.env)?.state?.desiredRef;
  if (desiredRef) {
    // The lines are the branch's; the working-tree file may differ or not exist.
    void ui.notify(
      'info',
      `${ref.env} reads its manifests from branch ${desiredRef.branch} (${desiredRef.commit.slice(0, 8)}); check out that branch to open them.`,
    );
    return;
  }
  const loc = ref.path ? r.resource.fields.get(ref.path) : undefined;
  const range = toVsRange(loc?.keyRange ?? r.resource.range);
  await ui.showDocument(vscode.Uri.file(r.resource.file), { selection: new vscode.Range(range.start, loc ? range.end : range.start), preview: true });
}
