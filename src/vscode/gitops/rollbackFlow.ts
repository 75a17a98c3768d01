import * as vscode from 'vscode';
import type { RollbackMode } from '../../core/gitops/changeText';
import type { CommitInfo } from '../../core/git/history';
import { runRollback } from '../../core/gitops/runRollback';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import { relativeTime } from '../../core/text/relativeTime';
import { gitOpsTarget } from './gitOpsArgs';
import type { GitOpsDeps } from './gitOpsDeps';
import { pullRequestAccess } from './pullRequestAccess';
import { showGitOpsError, showGitOpsOutcome } from './showGitOpsOutcome';

/**
 * YouOps: Roll Back… — from a History commit (or a picked one): revert that commit's change
 * to the environment, or restore the environment to it; exact patch, confirm, pull request.
 */
export async function rollback(deps: GitOpsDeps, arg?: unknown): Promise<ChangeOutcome | undefined> {
  const state = deps.store.state;
  if (state.kind !== 'ready') {
    await deps.ui().notify('error', state.kind === 'invalid' ? 'Fix the errors in youops.yaml first.' : 'No youops.yaml in this workspace.');
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    await deps.ui().notify('error', 'This workspace is not trusted: YouOps runs no Git command and pushes nothing from it. Trust the workspace to roll back.');
    return undefined;
  }
  const t = gitOpsTarget(deps.store, arg);
  const envName = t.env ?? (await deps.ui().pickOne(state.config.environments.map((e) => ({ label: e.name, description: e.protected ? 'protected' : undefined, value: e.name })), { title: 'Roll back which environment?' }));
  const env = state.config.environments.find((e) => e.name === envName);
  if (!env) return undefined;
  const history = deps.store.environment(env.name)?.state?.history ?? [];
  const commit =
    t.commit ??
    (await deps.ui().pickOne(
      history.map((c) => ({ label: `$(git-commit) ${c.subject}`, description: `${c.shortHash} · ${c.author} · ${relativeTime(c.date)}`, value: c })),
      { title: `Roll back ${env.name}: which commit?`, placeHolder: history.length ? undefined : 'No commits touched this environment' },
    ));
  if (!commit) return undefined;
  const mode = await deps.ui().pickOne<RollbackMode>(
    [
      { label: `Revert ${commit.shortHash}`, description: `undo "${commit.subject}" in ${env.name} only`, value: 'revert' },
      { label: `Restore ${env.name} to ${commit.shortHash}`, description: `the ${env.name} manifests as they were after "${commit.subject}"`, value: 'restore' },
    ],
    { title: `Roll back ${env.name}` },
  );
  if (!mode) return undefined;
  try {
    let noPrReason: string | undefined;
    const outcome = await runRollback({
      config: state.config,
      configRootDir: state.rootDir,
      env: env.name,
      commit: commit as CommitInfo,
      mode,
      confirm: async (patch, files) => {
        await deps.ui().showPatch(`Roll back ${env.name}`, patch);
        return deps.ui().confirm(
          env.protected ? `${env.name} is protected. Open a pull request that rolls it back?` : `Open a pull request that rolls back ${env.name}?`,
          `${files.length} file${files.length === 1 ? '' : 's'} change, as in the patch shown. Committed on a new branch in a temporary worktree and pushed to origin; your working tree is not touched.`,
          'Create Pull Request',
        );
      },
      pullRequests: async () => {
        const access = await pullRequestAccess(state.rootDir, deps.auth, (m) => deps.log.info(m));
        noPrReason = access.reason;
        return access;
      },
    });
    await showGitOpsOutcome(deps, outcome, noPrReason);
    return outcome;
  } catch (err) {
    await showGitOpsError(deps, `Roll back ${env.name}`, err);
    return undefined;
  }
}
