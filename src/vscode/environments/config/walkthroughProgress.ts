import * as vscode from 'vscode';
import { setContextKey } from '../../shared/contextKeys';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/** Set once the walkthrough is on screen and youops.yaml exists: the first step's `onContext` completion event. */
const CONFIG_FOUND = 'youops.walkthrough.configFound';

/** Time the workbench takes to register the walkthrough after its tab appears. */
const REGISTER_DELAY_MS = 1_000;

/**
 * Completes the walkthrough's "Describe your environments" step when youops.yaml exists.
 * `onContext:youops.hasConfig` alone is not enough: VS Code registers walkthroughs when their
 * page first opens, and an `onContext` event whose key is already true then never completes a
 * step (it is counted as seen). So this key stays unset until the walkthrough (or the Welcome
 * page) is shown with a config loaded, and is set once the page has registered it: that change
 * completes the step. (`onCommand` cannot do it: commands the extension runs itself never reach
 * the workbench's command events.)
 */
export function completeWalkthroughStep(store: WorkspaceStore): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const shown = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /^(Walkthrough: |Welcome$)/.test(t.label)));
  const check = () => {
    const kind = store.state.kind;
    if ((kind !== 'ready' && kind !== 'invalid') || !shown() || timer) return;
    timer = setTimeout(() => setContextKey(CONFIG_FOUND, true), REGISTER_DELAY_MS);
  };
  return vscode.Disposable.from(vscode.window.tabGroups.onDidChangeTabs(check), store.onDidChange(check), { dispose: () => clearTimeout(timer) });
}
