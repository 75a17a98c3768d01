import * as vscode from 'vscode';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import { setContextKey } from '../shared/contextKeys';
import type { Services } from '../shared/services';
import { shownState } from '../shared/store/workspaceState';
import type { GitOpsDeps } from './gitOpsDeps';
import { promote } from './promoteFlow';
import { rollback } from './rollbackFlow';

/** What the GitOps feature hands to the extension-host tests. */
export interface GitOpsHandles {
  /** Resolves when the command started from the palette/tree/lens finished. */
  lastOutcome(): Promise<ChangeOutcome | undefined>;
}

/** youops.promote and youops.rollback: GitOps changes as pull requests. */
export function registerGitOps(services: Services): GitOpsHandles {
  const { context, store, ui, failures, github, commands } = services;
  const log = vscode.window.createOutputChannel('YouOps GitOps', { log: true });
  context.subscriptions.push(log);
  const deps: GitOpsDeps = { store, ui, failures, github, log };
  // Promote… is in the palette only when some environment promotes from another.
  const canPromote = () => setContextKey('youops.canPromote', !!shownState(store.state)?.config.environments.some((e) => e.promotesFrom));
  canPromote();
  context.subscriptions.push(store.onDidChange(canPromote));
  let last: Promise<ChangeOutcome | undefined> = Promise.resolve(undefined);
  const track = (run: Promise<ChangeOutcome | undefined>) => (last = run);
  commands.register('youops.promote', (t, state) => track(promote(deps, state, t)), { needsConfig: true, fromEditor: true });
  commands.register('youops.rollback', (t, state) => track(rollback(deps, state, t)), { needsConfig: true, fromEditor: true });
  return { lastOutcome: () => last };
}
