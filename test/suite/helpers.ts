import * as vscode from 'vscode';
import type { YouOpsApi } from '../../src/extension';
import type { WorkspaceState } from '../../src/vscode/store/workspaceState';

export const EXTENSION_ID = 'youops.youops';

export async function activateExtension(): Promise<YouOpsApi> {
  const ext = vscode.extensions.getExtension<YouOpsApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

/** Resolves once the store reaches a state that satisfies `predicate`. */
export function waitForState(api: YouOpsApi, predicate: (s: WorkspaceState) => boolean, timeoutMs = 20_000): Promise<WorkspaceState> {
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
