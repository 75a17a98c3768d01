import * as vscode from 'vscode';
import { findResource, type ResourceRef } from '../store/findResource';
import type { WorkspaceStore } from '../store/workspaceStore';
import { toVsRange } from '../util/convert';

/** Opens the manifest at the resource, or at the drifted field when the reference names one. */
export async function revealResource(store: WorkspaceStore, ref: ResourceRef): Promise<void> {
  const r = ref && findResource(store, ref);
  if (!r?.resource) {
    void vscode.window.showInformationMessage(r ? 'This object exists only in the live state: no manifest declares it.' : 'Resource not found; refresh the YouOps view.');
    return;
  }
  const desiredRef = store.environment(ref.env)?.state?.desiredRef;
  if (desiredRef) {
    // The lines are the branch's; the working-tree file may differ or not exist.
    void vscode.window.showInformationMessage(`${ref.env} reads its manifests from branch ${desiredRef.branch} (${desiredRef.commit.slice(0, 8)}); check out that branch to open them.`);
    return;
  }
  const loc = ref.path ? r.resource.fields.get(ref.path) : undefined;
  const range = toVsRange(loc?.keyRange ?? r.resource.range);
  await vscode.window.showTextDocument(vscode.Uri.file(r.resource.file), { selection: new vscode.Range(range.start, loc ? range.end : range.start), preview: true });
}
