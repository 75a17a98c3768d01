/**
 * How branch-deploy reads a comment, as its documentation and source describe it
 * (github/branch-deploy: src/functions/trigger-check.ts — the trigger must be the comment's
 * prefix; src/functions/environment-targets.ts `onDeploymentChecks` — parameters after the
 * `|` separator, an optional SHA after the trigger, then `<trigger> [to ]<target>`,
 * `<trigger> <stable_branch> [to ]<target>` or the bare trigger for the default environment).
 * branch-deploy is a GitHub Action, not a package; this is its documented logic, for tests.
 */
export interface BranchDeployInputs {
  trigger: string;
  noopTrigger: string;
  stableBranch: string;
  /** `environment`: used by a bare trigger. */
  environment: string;
  environmentTargets: string[];
  paramSeparator: string;
}

export const BRANCH_DEPLOY_DEFAULTS: BranchDeployInputs = { trigger: '.deploy', noopTrigger: '.noop', stableBranch: 'main', environment: 'production', environmentTargets: ['production', 'development', 'staging'], paramSeparator: '|' };

export type BranchDeployCommand = { accepted: false } | { accepted: true; target: string; noop: boolean; stableBranch: boolean; params: string | null; sha: string | null };

export function parseBranchDeployComment(body: string, inputs: BranchDeployInputs): BranchDeployCommand {
  const trigger = body.startsWith(inputs.trigger) ? inputs.trigger : body.startsWith(inputs.noopTrigger) ? inputs.noopTrigger : undefined;
  if (!trigger) return { accepted: false };
  const noop = trigger === inputs.noopTrigger;
  let bodyFmt = body;
  const split = body.split(inputs.paramSeparator);
  split.shift();
  const params = split.join(inputs.paramSeparator);
  let paramsTrim: string | null = null;
  if (params !== '') {
    bodyFmt = body.split(`${inputs.paramSeparator}${params}`)[0].trim();
    paramsTrim = params.trim();
  }
  let sha: string | null = null;
  const escaped = trigger.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&');
  const m = bodyFmt.trim().match(new RegExp(`${escaped}\\s+((?![a-f0-9]{40}[a-f0-9]{24})[a-f0-9]{40}|[a-f0-9]{64})`, 'i'));
  if (m) {
    sha = m[1];
    bodyFmt = bodyFmt.replace(new RegExp(`\\s*${sha}\\s*`, 'g'), '').trim();
  }
  const ok = (target: string, stableBranch: boolean): BranchDeployCommand => ({ accepted: true, target, noop, stableBranch, params: paramsTrim, sha });
  for (const target of inputs.environmentTargets) {
    const rest = bodyFmt.replace(trigger, '').trim();
    if (rest === target || rest === `to ${target}`) return ok(target, false);
    const restStable = bodyFmt.replace(`${trigger} ${inputs.stableBranch}`, '').trim();
    if (restStable === target || restStable === `to ${target}`) return ok(target, true);
    if (bodyFmt.trim() === trigger) return ok(inputs.environment, false);
    if (bodyFmt.trim() === `${trigger} ${inputs.stableBranch}`) return ok(inputs.environment, true);
  }
  return { accepted: false };
}
