import * as vscode from 'vscode';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import { GitHubAuth } from '../auth/githubAuth';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { GitOpsDeps } from './gitOpsDeps';
import { windowGitOpsPrompter, type GitOpsPrompter } from './gitOpsPrompter';
import { promote } from './promoteFlow';
import { rollback } from './rollbackFlow';

export interface GitOpsApi {
  /** Extension-host tests answer the questions with this; refused outside ExtensionMode.Test. */
  usePrompterForTests(prompter: GitOpsPrompter | undefined): void;
  /** Resolves when the command started from the palette/tree/lens finished (tests await it). */
  lastOutcome(): Promise<ChangeOutcome | undefined>;
}

/** youops.promote and youops.rollback: GitOps changes as pull requests. */
export function registerGitOps(context: vscode.ExtensionContext, store: WorkspaceStore): GitOpsApi {
  const log = vscode.window.createOutputChannel('YouOps GitOps', { log: true });
  const auth = new GitHubAuth();
  let prompter: GitOpsPrompter = windowGitOpsPrompter;
  let last: Promise<ChangeOutcome | undefined> = Promise.resolve(undefined);
  const deps: GitOpsDeps = { store, auth, log, ui: () => prompter };
  const track = (run: Promise<ChangeOutcome | undefined>) => (last = run);
  context.subscriptions.push(
    log,
    auth,
    vscode.commands.registerCommand('youops.promote', (arg?: unknown) => track(promote(deps, arg))),
    vscode.commands.registerCommand('youops.rollback', (arg?: unknown) => track(rollback(deps, arg))),
  );
  return {
    usePrompterForTests(p) {
      if (context.extensionMode !== vscode.ExtensionMode.Test) throw new Error('usePrompterForTests is only available in extension tests');
      prompter = p ?? windowGitOpsPrompter;
    },
    lastOutcome: () => last,
  };
}
