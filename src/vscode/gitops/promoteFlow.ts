import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvironmentConfig } from '../../core/config/types';
import { applyPromotion } from '../../core/gitops/applyPromotion';
import { planPromotion, type PromotionChange, type PromotionPlan } from '../../core/gitops/promotionPlan';
import { runPromotion, type ChangeOutcome } from '../../core/gitops/runPromotion';
import { unifiedDiff } from '../../core/gitops/unifiedDiff';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { ReadyState } from '../shared/store/workspaceState';
import { gitOpsTarget, type GitOpsDeps, type GitOpsPick } from './gitOpsDeps';
import { pullRequestSteps } from './pullRequestSteps';
import { showGitOpsError } from './showGitOpsOutcome';

/**
 * YouOps: Promote… — pick the target (unless started on one), pick the values, see the
 * exact patch, confirm, and get a pull request. Untrusted workspaces only see the patch.
 */
export async function promote(deps: GitOpsDeps, state: ReadyState, arg: CommandTarget): Promise<ChangeOutcome | undefined> {
  const t = gitOpsTarget(deps.store, arg);
  const target = await chooseTarget(deps, state.config.environments, t.to ?? t.env, t.fromEditor && !t.to);
  if (!target) return undefined;
  const what = `Promote to ${target.name}`;
  try {
    if (!vscode.workspace.isTrusted) return await previewOnly(deps, state.config, state.rootDir, target, t.resource);
    const steps = pullRequestSteps(deps, state.rootDir, what);
    const settings = vscode.workspace.getConfiguration('youops');
    const outcome = await runPromotion({
      config: state.config,
      configRootDir: state.rootDir,
      to: target.name,
      resource: t.resource,
      // Trusted: overlays are compared as kustomize renders them, each value edited where the target sets it.
      render: { trusted: true, kustomizePath: settings.get<string>('kustomize.path') || undefined, kubectlPath: settings.get<string>('kubectl.path') },
      select: (plan) => selectChanges(deps, plan),
      confirmShared: (changes) => confirmSharedEdit(deps, target.name, changes),
      confirm: (patch, changes, where) =>
        steps.confirmPatch(
          `Promote ${target.promotesFrom} → ${target.name}`,
          patch,
          target.protected
            ? `${target.name} is protected. Open a pull request that changes it?`
            : `Open a pull request promoting ${target.promotesFrom} → ${target.name}?`,
          `${changes.length} change${changes.length === 1 ? '' : 's'} in ${[...new Set(changes.map((c) => path.basename(c.file)))].join(', ')}`,
          where,
        ),
      pullRequests: () => steps.pullRequests(),
      publishing: steps.publishing,
    });
    await steps.finish(outcome);
    return outcome;
  } catch (err) {
    await showGitOpsError(deps, what, err);
    return undefined;
  }
}

/**
 * The environment to promote into: the one given if it promotes from somewhere, else the one
 * that promotes from it. From a manifest in the editor both directions make sense (into its
 * environment, or on from it as its lens offers), so both are offered, the lens's first.
 */
async function chooseTarget(
  deps: GitOpsDeps,
  envs: readonly EnvironmentConfig[],
  given: string | undefined,
  eitherWay = false,
): Promise<EnvironmentConfig | undefined> {
  const promotable = envs.filter((e) => e.promotesFrom);
  if (promotable.length === 0) {
    await deps.ui.notify('error', 'No environment in youops.yaml has promotesFrom, so there is nothing to promote into.');
    return undefined;
  }
  const givenEnv = envs.find((e) => e.name === given);
  const downstream = given ? promotable.filter((e) => e.promotesFrom === given) : promotable;
  const choices = eitherWay && givenEnv ? [...downstream, ...(givenEnv.promotesFrom ? [givenEnv] : [])] : givenEnv?.promotesFrom ? [givenEnv] : downstream;
  if (choices.length === 1) return choices[0];
  return deps.ui.pickValue(
    (choices.length ? choices : promotable).map((e) => ({
      label: `${e.promotesFrom} → ${e.name}`,
      description: e.protected ? 'protected' : undefined,
      value: e,
    })),
    { title: 'Promote into which environment?' },
  );
}

async function selectChanges(deps: GitOpsDeps, plan: PromotionPlan): Promise<string[] | undefined> {
  // Values in a base other environments share are offered, never preselected: choosing one asks first.
  const blocked = plan.changes.filter((c) => c.blocked && !c.shared);
  for (const c of blocked) deps.log.warn(`${c.label}: ${c.blocked}`);
  const rel = (f: string) => path.relative(plan.rootDir, f).split(path.sep).join('/');
  const items: GitOpsPick<string>[] = plan.changes
    .filter((c) => !c.blocked || c.shared)
    .map((c) => ({
      label: c.label,
      // Where the value is set; a base other environments read too says so, and that choosing it asks first.
      description: c.shared
        ? `$(warning) ${rel(c.file)}:${c.line + 1}, shared with ${c.shared.readers.map((r) => r.environment).join(', ')}`
        : `${rel(c.file)}:${c.line + 1}`,
      // The values in full on their own line (an image reference does not fit beside a field path): current → promoted.
      detail: `${c.adds ? `only in ${plan.from}: add it` : `${full(c.to)} → ${full(c.from)}`}${c.shared ? ' · asks before editing the shared file' : ''}`,
      picked: c.suggested && !c.shared,
      value: c.id,
    }));
  const note = blocked.length ? ` (${blocked.length} cannot be edited here: see the YouOps GitOps log)` : '';
  const picked = await deps.ui.pickMany(items, {
    title: `Promote ${plan.from} → ${plan.to}: which values?${note}`,
    placeHolder: 'Image tags and versions are preselected',
  });
  return picked?.map((i) => i.value);
}

/**
 * Chosen values that live in a base other environments also render: which environments the edit
 * changes too, which set their own value over it; edit the base anyway, promote the rest, or cancel.
 */
async function confirmSharedEdit(deps: GitOpsDeps, target: string, changes: PromotionChange[]): Promise<'edit' | 'skip' | undefined> {
  const files = [...new Set(changes.map((c) => path.basename(c.shared!.file)))].join(', ');
  const changed = [...new Set(changes.flatMap((c) => c.shared!.readers.filter((r) => r.changes).map((r) => r.environment)))];
  const unchanged = [...new Set(changes.flatMap((c) => c.shared!.readers.filter((r) => !r.changes).map((r) => r.environment)))].filter(
    (e) => !changed.includes(e),
  );
  const what = changes.length === 1 ? changes[0].label : `${changes.length} of the chosen values`;
  const message = `${what} ${changes.length === 1 ? 'is' : 'are'} set in ${files}, which ${target} shares with ${[...changed, ...unchanged].join(', ')}.`;
  const detail = [
    changed.length
      ? `Editing it there changes ${changed.join(', ')} too.`
      : `${unchanged.join(', ')} ${unchanged.length === 1 ? 'sets its' : 'set their'} own value over it, so today only ${target}'s rendering changes.`,
    ...(changed.length && unchanged.length
      ? [`${unchanged.join(', ')} ${unchanged.length === 1 ? 'sets its' : 'set their'} own value and ${unchanged.length === 1 ? 'does' : 'do'} not change.`]
      : []),
    ...changes.map((c) => `• ${c.label}: ${full(c.to)} → ${full(c.from)}`),
    `To change ${target} alone, set the value${changes.length === 1 ? '' : 's'} in a patch of ${target}'s overlay instead.`,
  ].join('\n');
  const edit = 'Edit the Shared Base';
  const skip = 'Promote the Others Only';
  const answer = await deps.ui.confirm(message, detail, edit, skip);
  return answer === edit ? 'edit' : answer === skip ? 'skip' : undefined;
}

/** Untrusted: the plan and patch from the working tree, nothing run or pushed. */
async function previewOnly(
  deps: GitOpsDeps,
  config: Parameters<typeof planPromotion>[0]['config'],
  rootDir: string,
  target: EnvironmentConfig,
  resource?: string,
): Promise<undefined> {
  const plan = await planPromotion({ config, rootDir, to: target.name, resource });
  const ids = await selectChanges(deps, plan);
  if (!ids?.length) return undefined;
  const rel = (f: string) => path.relative(rootDir, f).split(path.sep).join('/');
  const patch = applyPromotion(plan, ids)
    .map((f) => unifiedDiff(rel(f.file), f.before, f.after))
    .join('');
  await deps.ui.showPatch(`Promote ${plan.from} → ${plan.to} (preview)`, patch);
  await deps.ui.notify('info', 'This workspace is not trusted: YouOps only shows the patch. Trust the workspace to commit, push and open the pull request.');
  return undefined;
}

function full(v: unknown): string {
  return v === undefined ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v);
}
