import * as vscode from 'vscode';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { desiredValueSource } from '../../../core/environments/driftSources';
import type { Range } from '../../../core/text/range';
import type { ResourceRef } from '../../shared/store/resourceRef';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';
import { toVsRange } from '../../shared/vsRange';

/** Opens the manifest at the resource, or at the line that sets the field's desired value when the reference names one. */
export async function revealResource(store: WorkspaceStore, ui: Ui, ref: ResourceRef): Promise<void> {
  const r = store.resource(ref.env, ref.key);
  if (!r?.resource) {
    void ui.notify(
      'info',
      r
        ? `${r.id.kind} ${r.id.name} exists only in the live state of ${ref.env}: no manifest declares it. Show Drift shows the live object.`
        : 'Resource not found; refresh the YouOps view.',
    );
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
  const at = ref.path ? fieldLocation(r, ref.path) : undefined;
  const range = toVsRange(at?.range ?? r.resource.range);
  await ui.showDocument(vscode.Uri.file(at?.file ?? r.resource.file), {
    selection: new vscode.Range(range.start, at ? range.end : range.start),
    preview: true,
  });
}

/** Where a field's desired value is set: the patch or kustomization entry of a rendered resource, else its own line. */
function fieldLocation(r: ResourceDrift, pointer: string): { file: string; range: Range } | undefined {
  const drifted = r.fields.find((f) => f.path === pointer);
  if (drifted) return desiredValueSource(r, drifted);
  const traced = r.resource?.rendered?.sourceOf(pointer);
  if (traced) return traced;
  const loc = r.resource?.fields.get(pointer);
  return loc && r.resource ? { file: r.resource.file, range: loc.keyRange } : undefined;
}
