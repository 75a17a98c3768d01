import type { CommitInfo } from '../git/history';
import type { PromotionChange } from './promotionPlan';

/** Commit message, PR title/body and labels of one GitOps change. */
export interface ChangeText {
  title: string;
  body: string;
  labels: string[];
  /** Title, blank line, body: what `git commit -m` gets. */
  commitMessage: string;
}

export function promotionText(from: string, to: string, changes: PromotionChange[], files: string[]): ChangeText {
  // A new resource's label says what happens; its value is a whole object.
  const now = (c: PromotionChange) => (c.adds ? `(not in ${to})` : short(c.to));
  const becomes = (c: PromotionChange) => (c.adds ? `added, as in ${from}` : short(c.from));
  const only = changes[0];
  const title = changes.length === 1 ? `Promote ${from} → ${to}: ${only.label}${only.adds ? '' : ` = ${short(only.from)}`}` : `Promote ${from} → ${to} (${changes.length} changes)`;
  const rows = changes.map((c) => `| ${cell(c.label)} | ${cell(now(c))} | ${cell(becomes(c))} |`);
  const body = [
    `Promotes ${changes.length === 1 ? (only.adds ? 'this resource' : 'this value') : 'these changes'} from **${from}** to **${to}**:`,
    '',
    `| Field | ${to} now | becomes (as in ${from}) |`,
    '| --- | --- | --- |',
    ...rows,
    '',
    `Files: ${files.map((f) => `\`${f}\``).join(', ')}`,
    '',
    '_Opened by YouOps: the files were edited in place, comments and formatting kept._',
  ].join('\n');
  const commitBody = changes.map((c) => (c.adds ? `- ${c.label}` : `- ${c.label}: ${short(c.to)} → ${short(c.from)}`)).join('\n');
  return { title, body, labels: ['youops', 'promotion', `env:${to}`], commitMessage: `${title}\n\n${commitBody}\n` };
}

export type RollbackMode = 'revert' | 'restore';

export function rollbackText(env: string, commit: CommitInfo, mode: RollbackMode, files: string[]): ChangeText {
  const title = mode === 'revert' ? `Roll back ${env}: revert ${commit.shortHash} "${commit.subject}"` : `Roll back ${env} to ${commit.shortHash} "${commit.subject}"`;
  const what =
    mode === 'revert'
      ? `Reverses the change of ${commit.hash} (${commit.author}) to the **${env}** manifests only.`
      : `Puts the **${env}** manifests back to how they were at ${commit.hash} (${commit.author}).`;
  const body = [what, '', `Files: ${files.map((f) => `\`${f}\``).join(', ')}`, '', '_Opened by YouOps._'].join('\n');
  return { title, body, labels: ['youops', 'rollback', `env:${env}`], commitMessage: `${title}\n\n${what.replace(/\*\*/g, '')}\n` };
}

/** `youops/promote-staging-to-prod-20250101-120000`: unique per second, valid as a ref name. */
export function changeBranchName(parts: string[], now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `youops/${[...parts, stamp].map(refSafe).join('-')}`;
}

function refSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').replace(/\.\.+/g, '.') || 'x';
}

function short(v: unknown): string {
  if (v === undefined) return '(not set)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
