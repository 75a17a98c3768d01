import * as vscode from 'vscode';
import type { WorkspaceStore } from '../../shared/store/workspaceStore';

/** Run (it does nothing; registered with the other commands) to tell the walkthrough that youops.yaml exists: its first step completes on it. */
export const CONFIG_FOUND_COMMAND = 'youops.walkthrough.configFound';

/**
 * Completes the walkthrough's "Describe your environments" step when youops.yaml exists. Its
 * `onContext:youops.hasConfig` event is not enough: VS Code registers walkthroughs when their
 * page first opens, and a context already true then never completes a step. So whenever the
 * walkthrough (or the Welcome page listing it) is shown with a config loaded, this command runs,
 * and the step's `onCommand` event completes it.
 */
export function completeWalkthroughStep(store: WorkspaceStore): vscode.Disposable {
  const shown = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /^(Walkthrough: |Welcome$)/.test(t.label)));
  const check = () => {
    const kind = store.state.kind;
    if ((kind === 'ready' || kind === 'invalid') && shown()) void vscode.commands.executeCommand(CONFIG_FOUND_COMMAND);
  };
  return vscode.Disposable.from(vscode.window.tabGroups.onDidChangeTabs(check), store.onDidChange(check));
}
