import * as vscode from 'vscode';
import { formatResourceId } from '../../../core/manifests/resourceId';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';
import { DESIRED_SCHEME, LIVE_SCHEME, ResourceDocumentProvider } from './resourceDocuments';

/** Opens desired ↔ live for a resource: from the tree, a code lens, or the resource under the cursor. */
export async function showDrift(store: WorkspaceStore, ui: Ui, ref?: ResourceRef): Promise<void> {
  const target = ref ?? (await pickFromEditor(store, ui));
  if (!target) return;
  const r = store.resource(target.env, target.key);
  if (!r) {
    void ui.notify('warning', 'That resource is no longer part of the environment. Refresh the YouOps view.');
    return;
  }
  const left = ResourceDocumentProvider.uri(DESIRED_SCHEME, target.env, target.key, r.id.name);
  const right = ResourceDocumentProvider.uri(LIVE_SCHEME, target.env, target.key, r.id.name);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${formatResourceId(r.id)}: Git ↔ live (${target.env})`, { preview: true });
}

async function pickFromEditor(store: WorkspaceStore, ui: Ui): Promise<ResourceRef | undefined> {
  const editor = vscode.window.activeTextEditor;
  const file = editor?.document.uri.fsPath;
  const line = editor?.selection.active.line ?? 0;
  // A resource under the cursor, else the resources whose drifted values this line sets (a patch, a kustomization entry).
  const declared = file ? store.manifests.at(file, line) : [];
  const candidates = declared.length
    ? declared
    : file
      ? store.manifests.fieldsAt(file, line).flatMap(({ env, field }) => {
          const resource = store.resource(env, field.resourceKey);
          return resource ? [{ env, resource }] : [];
        })
      : [];
  if (candidates.length === 0) {
    void ui.notify('info', 'Put the cursor in a manifest of an environment, or pick a resource in the YouOps view.');
    return undefined;
  }
  if (candidates.length === 1) return { env: candidates[0].env, key: candidates[0].resource.key };
  const pick = await ui.pick(
    candidates.map((c) => ({
      label: c.env,
      description: `${formatResourceId(c.resource.id)} · ${c.resource.status}`,
      ref: { env: c.env, key: c.resource.key },
    })),
    { placeHolder: 'Compare with the live state of which environment?' },
  );
  return pick?.ref;
}
