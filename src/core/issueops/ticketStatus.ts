import { branchDeployVerdict } from '../chatops/branchDeploy';
import type { GitHubComment } from '../github/types';

export type TicketOutcome = 'success' | 'failure' | 'pending';

export interface TicketStatus {
  outcome: TicketOutcome;
  /** The latest comment of a bot (or a GitHub Actions run), as the ticket's status line. */
  comment?: GitHubComment;
  summary?: string;
}

const FAILURE = /(❌|:x:|🔴|\b(fail(ed|ure|s)?|error(ed)?|denied|rejected|invalid|not (allowed|approved|valid)|cannot|aborted)\b)/i;
const SUCCESS = /(✅|:white_check_mark:|🟢|🚀|:rocket:|\b(success(ful(ly)?)?|succeeded|done|deployed|approved|merged|completed|granted|ok)\b)/i;

/** Comments written by automation: GitHub Apps (`type: Bot`, `…[bot]`) and the usual bot accounts. */
export function isBotComment(c: GitHubComment): boolean {
  const login = c.user?.login ?? '';
  return c.user?.type === 'Bot' || /\[bot\]$|(^|-)bot$/i.test(login);
}

/** The latest bot answer and whether it reports success or failure; failure wins when both appear. */
export function ticketStatus(comments: GitHubComment[]): TicketStatus {
  const latest = [...comments].reverse().find(isBotComment);
  if (!latest) return { outcome: 'pending' };
  const text = latest.body.replace(/<!--[\s\S]*?-->/g, '');
  // branch-deploy's comments say their outcome in the heading; a branch named fix-failed-login is not a failure.
  const known = branchDeployVerdict(text);
  const outcome: TicketOutcome = known ? (known === 'info' ? 'pending' : known) : FAILURE.test(text) ? 'failure' : SUCCESS.test(text) ? 'success' : 'pending';
  return { outcome, comment: latest, summary: firstLine(text) };
}

/** Pull requests a comment or body links to: full URLs and `owner/repo#n` of this repo's pulls. */
export function linkedPullRequests(texts: string[], owner: string, repo: string): number[] {
  const found = new Set<number>();
  const url = new RegExp(`/${escape(owner)}/${escape(repo)}/pull/(\\d+)`, 'gi');
  for (const t of texts) for (const m of t.matchAll(url)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.replace(/^[#>*\s-]+/, '').trim()).find(Boolean) ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
