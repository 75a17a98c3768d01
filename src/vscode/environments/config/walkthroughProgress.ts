import * as vscode from 'vscode';
import { setContextKey } from '../../shared/contextKeys';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/** Set once the walkthrough is on screen and youops.yaml exists: the first step's `onContext` completion event. */
const CONFIG_FOUND = 'youops.walkthrough.configFound';
/** Set once the walkthrough is on screen and the Environments view is visible: the second step's. */
const ENVIRONMENTS_SEEN = 'youops.walkthrough.environmentsSeen';

/** Time the workbench takes to register the walkthrough after its tab appears. */
const REGISTER_DELAY_MS = 1_000;

/**
 * Completes the walkthrough's "Describe your environments" step when youops.yaml exists, and its
 * "See environments and drift" step when the Environments view is visible.
 * `onContext:youops.hasConfig` and `onView:youops.environments` alone are not enough: VS Code
 * registers walkthroughs when their page first opens, and an `onContext` event whose key is
 * already true, or a view that was already open, then never completes a step. So these keys stay
 * unset until the walkthrough (or the Welcome page) is shown with a config loaded or the view
 * visible, and are set once the page has registered it: that change completes the step.
 * (`onCommand` cannot do it: commands the extension runs itself never reach the workbench's
 * command events.)
 */
export function completeWalkthroughSteps(store: WorkspaceStore, environmentsView: vscode.TreeView<unknown>): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();
  const setOnce = (key: string) => {
    if (!timers.has(key))
      timers.set(
        key,
        setTimeout(() => setContextKey(key, true), REGISTER_DELAY_MS),
      );
  };
  const shown = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /^(Walkthrough: |Welcome$)/.test(t.label)));
  const check = () => {
    if (!shown()) return;
    const kind = store.state.kind;
    if (kind === 'ready' || kind === 'invalid') setOnce(CONFIG_FOUND);
    if (environmentsView.visible) setOnce(ENVIRONMENTS_SEEN);
  };
  return vscode.Disposable.from(vscode.window.tabGroups.onDidChangeTabs(check), store.onDidChange(check), environmentsView.onDidChangeVisibility(check), {
    dispose: () => timers.forEach((t) => clearTimeout(t)),
  });
}
