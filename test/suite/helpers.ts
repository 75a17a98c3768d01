import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { YouOpsApi, YouOpsTestHandles } from '../../src/extension';
import type { WorkspaceState } from '../../src/vscode/shared/store/workspaceState';

export const EXTENSION_ID = 'youops.youops';

/** The extension's test handles: the object it adds to its API only in ExtensionMode.Test. */
export async function activateExtension(): Promise<YouOpsTestHandles> {
  const ext = vscode.extensions.getExtension<YouOpsApi & { testing?: YouOpsTestHandles }>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  if (!api.testing) throw new Error('the test handles exist only in ExtensionMode.Test');
  return api.testing;
}

/** Resolves once the store reaches a state that satisfies `predicate`. */
export function waitForState(api: YouOpsTestHandles, predicate: (s: WorkspaceState) => boolean, timeoutMs = 20_000): Promise<WorkspaceState> {
  if (predicate(api.store.state)) return Promise.resolve(api.store.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`store did not reach the expected state within ${timeoutMs} ms; last: ${api.store.state.kind}`));
    }, timeoutMs);
    const sub = api.store.onDidChange((s) => {
      if (predicate(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

export function allRefreshed(s: WorkspaceState): boolean {
  return s.kind === 'ready' && s.environments.every((e) => e.state && !e.refreshing);
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the demo workspace open');
  return folder.uri.fsPath;
}

/** Resolves once the store has not changed for `quietMs` (file watchers may report one write twice). */
export function waitForQuiet(api: YouOpsTestHandles, quietMs = 700, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer = setTimeout(done, quietMs);
    const deadline = setTimeout(() => {
      clearTimeout(timer);
      sub.dispose();
      reject(new Error(`store kept changing for ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = api.store.onDidChange(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    function done() {
      clearTimeout(deadline);
      sub.dispose();
      resolve();
    }
  });
}

/** The extension on the refreshed demo, its folder and HEAD there: suites that commit put HEAD back to it afterwards. */
export async function refreshedDemo(): Promise<{ api: YouOpsTestHandles; root: string; startHead: string }> {
  const api = await activateExtension();
  await waitForState(api, allRefreshed);
  const root = workspaceRoot();
  const startHead = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  return { api, root, startHead };
}

/** The message rows under an environment in the tree (not rendered, live state unavailable, …), as `label: description`. */
export function environmentMessages(api: YouOpsTestHandles, env: string): string[] {
  const node = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env);
  if (!node) throw new Error(`no environment ${env} in the tree`);
  return api.tree
    .getChildren(node)
    .filter((n) => n.type === 'message')
    .map((n) => api.tree.getTreeItem(n))
    .map((i) => `${i.label}: ${i.description}`);
}
