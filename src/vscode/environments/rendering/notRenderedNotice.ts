import * as vscode from 'vscode';
import { UNTRUSTED_RENDER_REASON } from '../../../core/kustomize/renderDesiredState';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';
import type { Ui } from '../../shared/ui/uiSeam';

/**
 * Kustomizations that cannot be rendered on this machine (no kustomize): said once per reason
 * and session, with the setting that fixes it; each environment's row keeps the warning. An
 * untrusted workspace needs no notification: the view says why, and trusting it is the answer.
 */
export function showNotRenderedNotice(store: WorkspaceStore, ui: Ui): vscode.Disposable {
  const told = new Set<string>();
  return store.onDidChange((state) => {
    if (state.kind !== 'ready') return;
    for (const entry of state.environments) {
      const r = entry.state?.rendering;
      if (r?.status !== 'notRendered' || !r.reason || r.reason === UNTRUSTED_RENDER_REASON) continue;
      // The same missing program for every overlay: said once, without the overlay's name.
      const why = r.reason
        .replace(/^not rendered: /, '')
        .replace(/^cannot render [^:]+: /, '')
        .replace(/; showing the raw files$/, '');
      if (told.has(why)) continue;
      told.add(why);
      void ui
        .notify(
          'warning',
          `YouOps cannot render kustomizations: ${why}. Until then the environments compare their files as written ("not rendered").`,
          'Open Settings',
        )
        .then((action) => action && vscode.commands.executeCommand('workbench.action.openSettings', 'youops.kustomize.path'));
    }
  });
}
