import type { ReplyVerdict } from './feedback';

/** The account branch-deploy comments as when it runs in GitHub Actions with the default token. */
export const BRANCH_DEPLOY_BOT = 'github-actions[bot]';

/**
 * branch-deploy's own comments, read by the heading it starts each with — never by words
 * further down, such as a branch named `fix-failed-login` inside "Deployment Triggered".
 * Undefined for other comments (another bot's, a custom message template).
 */
export function branchDeployVerdict(body: string): ReplyVerdict | undefined {
  const heading = body.trimStart().split('\n', 1)[0].trim();
  if (!heading.startsWith('###')) return undefined;
  if (/^###\s*Deployment Results\s*✅/u.test(heading)) return 'success';
  if (/^###\s*Deployment Results\s*(❌|⚠️)/u.test(heading)) return 'failure';
  if (/^###\s*⚠️\s*Cannot proceed with (deployment|lock\/unlock request)/u.test(heading)) return 'failure';
  // Started, locks claimed or released, help: in progress or informational, not an outcome.
  if (/^###\s*(Deployment Triggered|.*Deployment Lock|.*Lock |Lock Details)/u.test(heading)) return 'info';
  return undefined;
}

/** `|` starts branch-deploy's parameters: a value carrying one would pass parameters nobody typed. */
export function branchDeployValueProblem(value: string): string | undefined {
  return value.includes('|') ? 'contains "|", which branch-deploy reads as the start of deployment parameters' : undefined;
}
