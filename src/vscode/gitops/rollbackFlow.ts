import * as vscode from 'vscode';
import type { RollbackMode } from '../../core/gitops/changeText';
import type { CommitInfo } from '../../core/git/history';
import { runRollback } from '../../core/gitops/runRollback';
import type { ChangeOutcome } from '../../core/gitops/runPromotion';
import { relativeTime } from '../../core/text/relativeTime';
import { Failure } from '../shared/commands/failure';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { ReadyState } from '../shared/store/workspaceState';
import { gitOpsTarget, type GitOpsDeps } from './gitOpsDeps';
import { pullRequestSteps } from './pullRequestSteps';
import { showGitOpsError } from './showGitOpsOutcome';

/**
 * YouOps: Roll Back… — from a History commit (or a picked one): revert that commit's change
 * to the environment, or restore the environment to it; exact patch, confirm, pull request.
 */
export async function rollback(deps: GitOpsDeps, state: ReadyState, arg: CommandTarget): Promise<ChangeOutcome | undefined> {
  if (!vscode.workspace.isTrusted) {
    await deps.failures.show(
      new Failure('untrusted', 'This workspace is not trusted: YouOps runs no Git command and pushes nothing from it. Trust the workspace to roll back.'),
    );
    return undefined;
  }
  const t = gitOpsTarget(deps.store, arg);
  const envName =
    t.env ??
    (await deps.ui.pickValue(
      state.config.environments.map((e) => ({ label: e.name, description: e.protected ? 'protected' : undefined, value: e.name })),
      { title: 'Roll back which environment?' },
    ));
  const env = state.config.environments.find((e) => e.name === envName);
  if (!env) return undefined;
  const history = deps.store.environment(env.name)?.state?.history ?? [];
  const commit =
    t.commit ??
    (await deps.ui.pickValue(
      history.map((c) => ({ label: `$(git-commit) ${c.subject}`, description: `${c.shortHash} · ${c.author} · ${relativeTime(c.date)}`, value: c })),
      { title: `Roll back ${env.name}: which commit?`, placeHolder: history.length ? undefined : 'No commits touched this environment' },
    ));
  if (!commit) return undefined;
  const mode = await deps.ui.pickValue<RollbackMode>(
    [
      { label: `Revert ${commit.shortHash}`, description: `undo "${commit.subject}" in ${env.name} only`, value: 'revert' },
      {
        label: `Restore ${env.name} to ${commit.shortHash}`,
        description: `the ${env.name} manifests as they were after "${commit.subject}"`,
        value: 'restore',
      },
    ],
    { title: `Roll back ${env.name}` },
  );
  if (!mode) return undefined;
  try {
    const steps = pullRequestSteps(deps, state.rootDir, `Roll back ${env.name}`);
    const outcome = await runRollback({
      config: state.config,
      configRootDir: state.rootDir,
      env: env.name,
      commit: commit as CommitInfo,
      mode,
      confirm: (patch, files, where) =>
        steps.confirmPatch(
          `Roll back ${env.name}`,
          patch,
          env.protected ? `${env.name} is protected. Open a pull request that rolls it back?` : `Open a pull request that rolls back ${env.name}?`,
          `${files.length} file${files.length === 1 ? '' : 's'} change`,
          where,
        ),
      pullRequests: () => steps.pullRequests(),
      publishing: steps.publishing,
    });
    await steps.finish(outcome);
    return outcome;
  } catch (err) {
    await showGitOpsError(deps, `Roll back ${env.name}`, err);
    return undefined;
  }
}
