import * as path from 'node:path';
import { GitHubClient } from '../../core/github/githubClient';
import { compareUrl } from '../../core/github/repoRef';
import { applyPromotion } from '../../core/gitops/applyPromotion';
import { gitIn, tryGit } from '../../core/gitops/git';
import { GitOpsError } from '../../core/gitops/gitOpsError';
import { remoteRepo } from '../../core/github/remoteRepo';
import { planPromotion, type PromotionChange, type PromotionPlan } from '../../core/gitops/promotionPlan';
import { gitHubPullRequestPort } from '../../core/gitops/pullRequestPort';
import { runPromotion } from '../../core/gitops/runPromotion';
import { unifiedDiff } from '../../core/gitops/unifiedDiff';
import { cliGitHubAccess } from '../cliTokens';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../cliIo';
import { cliEvaluationContext } from '../cliEvaluationContext';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';

export const PROMOTE_OPTIONS = { from: 'value', to: 'value', resource: 'value', 'dry-run': 'flag', all: 'flag' } as const;

export const PROMOTE_HELP = `youops promote --to ENV [--from ENV] [--resource kind/name] [--all] [--dry-run] [--format text|json]

Promotes what differs between two environments' manifests (default source: the
target's promotesFrom) by editing the target's files in place, comments and
formatting kept. Kustomizations are compared as kustomize renders them, and each
value is edited where the target's overlay sets it (its patch, its images: or
replicas: entry, its generator literal); a base other environments share is never
edited: such values are listed as skipped, with the reason.
By default only image tags and versions are promoted; --all takes every value
and adds the resources only the source has (their documents copied into the
target's folder, namespace adapted, listed in its kustomization.yaml).

--dry-run   print the patch (git apply reads it) for the working tree; push nothing
otherwise   commit on a new branch youops/promote-… in a temporary worktree, push it
            to origin and open a pull request when $GITHUB_TOKEN is set; the token
            goes only to github.com, or to $GITHUB_API_URL when set (GitHub Enterprise),
            never to a host taken from origin; never force-pushes

Exit 0 when a patch was printed or pushed, 1 when there is nothing to promote,
2 on usage, config or Git errors (with how to resume after a failed push).`;

/** `youops promote`: the same promotion as the extension's, for scripts and CI. */
export async function promoteCommand(args: ParsedArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`promote supports --format text or json, not ${args.format}`);
  const to = args.options.to;
  if (typeof to !== 'string') throw new UsageError('promote needs --to ENV (try youops help promote)');
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const from = typeof args.options.from === 'string' ? args.options.from : undefined;
  const resource = typeof args.options.resource === 'string' ? args.options.resource : undefined;
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  // The CLI is trusted: kustomizations are compared as rendered and edited where the target's overlay sets each value.
  const ctx = cliEvaluationContext(rootDir, {}, env);
  const render = { trusted: true, kustomizePath: ctx.kustomizePath };
  const pick = (plan: PromotionPlan): PromotionChange[] => {
    const wanted = plan.changes.filter((c) => args.options.all === true || c.suggested);
    for (const c of wanted.filter((c) => c.blocked)) io.err(`youops: skipped ${c.label}: ${c.blocked}`);
    return wanted.filter((c) => !c.blocked);
  };

  try {
    if (args.options['dry-run']) {
      const plan = await planPromotion({ config, rootDir, to, from, resource, render });
      const chosen = pick(plan);
      if (chosen.length === 0) return nothing(plan, io);
      const top = (await tryGit(gitIn(rootDir), ['rev-parse', '--show-toplevel'])) ?? rootDir;
      const rel = (f: string) => path.relative(top, f).split(path.sep).join('/');
      const patch = applyPromotion(plan, chosen.map((c) => c.id))
        .map((f) => unifiedDiff(rel(f.file), f.before, f.after))
        .join('');
      if (args.format === 'json') io.out(JSON.stringify({ from: plan.from, to: plan.to, changes: chosen.map(changeJson), patch }, null, 2));
      else io.out(patch);
      return EXIT_OK;
    }

    let nothingToPromote = false;
    const outcome = await runPromotion({
      config,
      configRootDir: rootDir,
      to,
      from,
      resource,
      render,
      select: async (plan) => {
        const chosen = pick(plan);
        if (chosen.length === 0) {
          nothing(plan, io);
          nothingToPromote = true;
        }
        return chosen.map((c) => c.id);
      },
      confirm: async () => true,
      pullRequests: async () => {
        const repo = await remoteRepo(rootDir);
        const manualUrl = repo ? (base: string, branch: string) => compareUrl(repo, base, branch) : undefined;
        if (!repo || !(env.GITHUB_TOKEN || env.GH_TOKEN)) return { manualUrl };
        const access = cliGitHubAccess(env, repo);
        if (!access.ok) {
          io.err(`youops: no pull request opened: ${access.reason}`);
          return { manualUrl };
        }
        const client = new GitHubClient({ token: access.token, baseUrl: access.baseUrl });
        return { port: gitHubPullRequestPort(client, repo), manualUrl };
      },
    });
    if (outcome.status === 'cancelled') return nothingToPromote ? EXIT_FINDINGS : EXIT_OK;
    const { published } = outcome;
    if (args.format === 'json') {
      io.out(JSON.stringify({ branch: published.branch, base: published.base, commit: published.commit, pullRequest: published.pullRequest ?? null, resume: published.resume ?? [], patch: outcome.patch }, null, 2));
    } else {
      io.out(`pushed ${published.branch} (${published.commit.slice(0, 7)}) to origin`);
      if (published.pullRequest) io.out(`pull request #${published.pullRequest.number}: ${published.pullRequest.url}`);
      if (published.pullRequest?.labelError) io.err(`youops: warning: the pull request's labels were not added: ${published.pullRequest.labelError}`);
      for (const step of published.resume ?? []) io.out(`next: ${step}`);
    }
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof GitOpsError)) throw err;
    if (err.kind === 'nothingToDo') {
      io.err(`youops: ${err.message}`);
      return EXIT_FINDINGS;
    }
    io.err(`youops: ${err.message}`);
    if (err.resume) io.err(`The commit is on the local branch ${err.resume.branch}. To finish:\n${err.resume.steps.map((s) => `  ${s}`).join('\n')}`);
    return EXIT_USAGE;
  }
}

/** Says why nothing was chosen; exit 1 tells scripts there is no patch. */
function nothing(plan: PromotionPlan, io: CliIo): number {
  const others = plan.changes.filter((c) => !c.suggested && !c.blocked).length;
  io.err(`youops: no image or version differs between ${plan.from} and ${plan.to}${others ? `; ${others} other value(s) differ (--all promotes them)` : ''}`);
  return EXIT_FINDINGS;
}

function changeJson(c: PromotionChange): unknown {
  return { id: c.id, label: c.label, from: c.from ?? null, to: c.to ?? null, file: c.file, line: c.line + 1, ...(c.adds ? { adds: c.adds } : {}) };
}
