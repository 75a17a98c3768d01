import { deployedRevisionReports } from '../../../core/revision/readDeployedRevision';
import { describePlacement, whereIsCommit, type CommitPlacement, type CommitWhereabouts } from '../../../core/revision/whereIsCommit';
import type { CommandTarget } from '../../shared/commands/commandTarget';
import type { ReadyState } from '../../shared/store/workspaceState';
import type { Ui } from '../../shared/ui/uiSeam';

const ICON: Record<CommitPlacement, string> = { deployed: '$(pass)', pending: '$(clock)', 'not-on-branch': '$(circle-slash)', unknown: '$(question)' };

/**
 * "Is my commit live?": for a History entry, a hash given to the command, or one chosen
 * (HEAD, a recent commit, or typed), each environment's answer — deployed, pending n commits
 * behind, not on its branch, unknown and why — from the deployed revisions the last refresh
 * read, so no cluster is asked again. Choosing an environment reveals it; resolves with the answer.
 */
export async function showWhereIsCommit(
  ui: Ui,
  state: ReadyState,
  target: CommandTarget,
  reveal: (env: string) => unknown,
): Promise<CommitWhereabouts | undefined> {
  const commitish = target.commit?.hash ?? target.hash ?? (typeof target.args[0] === 'string' ? target.args[0] : undefined) ?? (await chooseCommit(ui, state));
  if (!commitish) return undefined;
  const states = state.environments.flatMap((e) => (e.state ? [e.state] : []));
  const where = await whereIsCommit(state.rootDir, commitish, deployedRevisionReports(states));
  const env = await ui.pickValue(
    where.environments.map((p) => ({ label: `${ICON[p.placement]} ${p.env}`, description: describePlacement(p), value: p.env })),
    { title: `Where is ${where.commit.slice(0, 7)} "${where.subject}"?`, placeHolder: 'Choose an environment to show it in the Environments view' },
  );
  if (env) await reveal(env);
  return where;
}

/** HEAD, the recent commits of the environments' History, or one typed in. */
async function chooseCommit(ui: Ui, state: ReadyState): Promise<string | undefined> {
  const recent = new Map(state.environments.flatMap((e) => e.state?.history ?? []).map((c) => [c.hash, c]));
  const newestFirst = [...recent.values()].sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, 20);
  const typed = '\0typed';
  const choice = await ui.pickValue(
    [
      { label: '$(target) HEAD', description: 'the commit checked out', value: 'HEAD' },
      ...newestFirst.map((c) => ({ label: `$(git-commit) ${c.subject}`, description: `${c.shortHash} · ${c.author}`, value: c.hash })),
      { label: '$(edit) Enter a commit hash, branch or tag…', description: '', value: typed },
    ],
    { placeHolder: 'Where is which commit?' },
  );
  if (choice !== typed) return choice;
  return ui.input({
    title: 'Where is this commit?',
    prompt: 'A commit hash, branch or tag of your local repository',
    validate: (v) => (v.trim() ? undefined : 'Name a commit'),
  });
}
