import * as vscode from 'vscode';
import type { GitHubComment } from '../../core/github/types';
import { checkBodyLength } from '../../core/issueops/bodyLimit';
import { isBotComment, ticketStatus } from '../../core/issueops/ticketStatus';
import type { CommandTarget } from '../shared/commands/commandTarget';
import { showIssueOpsError, type IssueOpsDeps } from './issueOpsDeps';

/** How long a comment command waits for the bot's answer. */
const FOLLOW_MS = 120_000;
const FOLLOW_POLL_MS = 3_000;

interface Target {
  number: number;
  title: string;
  htmlUrl?: string;
}

/** The issue or pull request a tree row (or the palette, via a pick) points at. */
async function target(deps: IssueOpsDeps, arg: CommandTarget): Promise<Target | undefined> {
  const list = deps.tickets.tickets() ?? [];
  if (arg.pull !== undefined) return { number: arg.pull, title: `pull request #${arg.pull}` };
  const n = arg.ticket;
  if (n !== undefined) {
    const t = list.find((x) => x.issue.number === n);
    return { number: n, title: t?.issue.title ?? `#${n}`, htmlUrl: t?.issue.htmlUrl };
  }
  if (list.length === 0) {
    void deps.ui.notify('info', 'No open IssueOps tickets loaded. Refresh the Tickets view first.');
    return undefined;
  }
  const pick = await deps.ui.pick(
    list.map((t) => ({ label: `#${t.issue.number} ${t.issue.title}`, description: t.env, detail: t.status.summary, t })),
    { placeHolder: 'Which ticket?' },
  );
  return pick && { number: pick.t.issue.number, title: pick.t.issue.title, htmlUrl: pick.t.issue.htmlUrl };
}

export async function openTicketInBrowser(deps: IssueOpsDeps, arg: CommandTarget): Promise<void> {
  const t = await target(deps, arg);
  if (t?.htmlUrl) await vscode.env.openExternal(vscode.Uri.parse(t.htmlUrl));
}

export async function closeTicket(deps: IssueOpsDeps, arg: CommandTarget): Promise<void> {
  const t = await target(deps, arg);
  if (!t) return;
  const choice = await deps.ui.confirm(
    `Close #${t.number} ${t.title}?`,
    'The issue is closed on GitHub for everyone; it can be reopened there.',
    'Close as Completed',
    'Close as Not Planned',
  );
  if (choice !== 'Close as Completed' && choice !== 'Close as Not Planned') return;
  const close = async (): Promise<void> => {
    try {
      await deps.github.run(true, ({ client, repo }) => client.closeIssue(repo, t.number, choice === 'Close as Completed' ? 'completed' : 'not_planned'));
      void deps.ui.notify('info', `Closed #${t.number}.`);
      await deps.tickets.refresh();
    } catch (err) {
      if ((await showIssueOpsError(deps, err, { what: `#${t.number} not closed`, actions: ['Try Again'], retry: close })) === 'Try Again') await close();
    }
  };
  await close();
}

export async function commentOnTicket(deps: IssueOpsDeps, arg: CommandTarget): Promise<void> {
  const t = await target(deps, arg);
  if (!t) return;
  const text = await deps.ui.input({
    title: `Comment on #${t.number} ${t.title}`,
    prompt: 'Markdown is fine',
    validate: (v) => (!v.trim() ? 'Write something first' : checkBodyLength(v, 'The comment')),
  });
  if (!text) return;
  await postAndFollow(deps, t, text, false);
}

/** IssueOps' own ChatOps: a command from youops.yaml (`/approve`, `.deploy`) posted as a comment, then its answer followed. */
export async function runTicketCommand(deps: IssueOpsDeps, arg: CommandTarget): Promise<void> {
  const state = deps.store.state;
  const commands = state.kind === 'ready' ? state.config.issueops.commands : [];
  const t = await target(deps, arg);
  if (!t) return;
  if (commands.length === 0) {
    void deps.ui.notify('info', 'youops.yaml lists no comment commands yet (issueops: commands: ["/approve", ".deploy"]).');
    return;
  }
  const pick = await deps.ui.pick(
    commands.map((c) => ({ label: c, description: `comment on #${t.number}` })),
    { title: `Comment command on #${t.number} ${t.title}`, placeHolder: 'Post which command?' },
  );
  if (!pick) return;
  const text = await deps.ui.input({
    title: `${pick.label} on #${t.number}`,
    prompt: 'Add arguments if the command takes any, then press Enter',
    value: pick.label,
    valueSelection: [pick.label.length, pick.label.length],
  });
  if (!text?.trim()) return;
  await postAndFollow(deps, t, text.trim(), true);
}

async function postAndFollow(deps: IssueOpsDeps, t: Target, text: string, follow: boolean): Promise<void> {
  try {
    // Posted verbatim: bots match the whole comment (the client's listing check avoids duplicates).
    const posted = await deps.github.run(true, ({ client, repo }) => client.createComment(repo, t.number, text));
    deps.log.info(`commented on #${t.number}: ${text.split('\n')[0]}`);
    if (!follow) {
      void deps.ui.notify('info', `Commented on #${t.number}.`);
      void deps.tickets.refresh();
      return;
    }
    const answer = await deps.ui.progress(
      { title: `Sent ${text.split(/\s/)[0]} on #${t.number}; waiting for the bot's answer…`, cancellable: true },
      (_p, token) => waitForAnswer(deps, t.number, posted, token),
    );
    void deps.tickets.refresh();
    if (!answer) {
      void deps.ui.notify('info', `No bot answered on #${t.number} yet; the Tickets view shows the answer when it comes.`);
      return;
    }
    const status = ticketStatus([answer]);
    const message = `#${t.number} — ${answer.user?.login ?? 'bot'}: ${status.summary ?? ''}`;
    void deps.ui.notify(status.outcome === 'failure' ? 'error' : 'info', message, 'Open in Browser').then((choice) => {
      if (choice === 'Open in Browser' && answer.htmlUrl) void vscode.env.openExternal(vscode.Uri.parse(answer.htmlUrl));
    });
  } catch (err) {
    // The text is kept: a fix (a new sign-in) posts it, and so does Resend.
    const again = () => postAndFollow(deps, t, text, follow);
    const choice = await showIssueOpsError(deps, err, {
      what: `${follow ? `"${text.split('\n')[0]}"` : 'Comment'} not posted on #${t.number}`,
      kept: 'The text is kept: Resend posts it.',
      actions: ['Resend'],
      retry: again,
    });
    if (choice === 'Resend') await again();
  }
}

/** Polls the comments (conditional requests: free while nothing changes) for a bot reply after ours. */
async function waitForAnswer(
  deps: IssueOpsDeps,
  issueNumber: number,
  after: GitHubComment,
  token: vscode.CancellationToken,
): Promise<GitHubComment | undefined> {
  const deadline = Date.now() + FOLLOW_MS;
  while (!token.isCancellationRequested && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
    const comments = await deps.github.run(false, ({ client, repo }) => client.listComments(repo, issueNumber, { since: new Date(after.createdAt) }));
    const reply = comments.find((c) => c.id !== after.id && isBotComment(c) && c.createdAt >= after.createdAt);
    if (reply) return reply;
  }
  return undefined;
}
