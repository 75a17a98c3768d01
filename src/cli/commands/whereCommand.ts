import { readDeployedRevisions } from '../../core/revision/readDeployedRevision';
import { describePlacement, whereIsCommit } from '../../core/revision/whereIsCommit';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../cliIo';
import { cliEvaluationContext, UNTRUSTED_HELP, UNTRUSTED_OPTION } from '../cliEvaluationContext';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';
import { envOption, selectEnvironments } from '../selectEnvironments';

export const WHERE_OPTIONS = { env: 'value', ...UNTRUSTED_OPTION } as const;

export const WHERE_HELP = `youops where [COMMIT] [--env NAME[,NAME…]] [--format text|json] [--untrusted]

Is this commit live? For each environment (or the named ones): deployed (the
deployed revision is the commit or comes after it), pending (on the branch the
environment follows, n commits to go), not on its branch, or unknown (the live
source names no revision, or it is not in your local history — fetch).
COMMIT is a hash, branch or tag; default HEAD. Only the deployed revision is read
(one Flux object, Argo CD application or revision file per environment).
Exit 0 when the commit is deployed in every environment asked about, 1 otherwise.
An argocd live source uses the token in $ARGOCD_AUTH_TOKEN (https only; $ARGOCD_SERVER pins it).
${UNTRUSTED_HELP}`;

/** `youops where`: the commit's place per environment. */
export async function whereCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`where supports --format text or json, not ${args.format}`);
  if (args.positionals.length > 1) throw new UsageError(`where takes one commit, not ${args.positionals.length} (youops where [COMMIT] --env NAME)`);
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  const selected = selectEnvironments(config, envOption(args));
  const commitish = args.positionals[0] ?? 'HEAD';
  const reports = await readDeployedRevisions(selected, cliEvaluationContext(rootDir, args.options));
  let where;
  try {
    where = await whereIsCommit(rootDir, commitish, reports);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.format === 'json') {
    io.out(
      JSON.stringify(
        {
          commit: where.commit,
          subject: where.subject,
          environments: where.environments.map((p) => ({
            name: p.env,
            placement: p.placement,
            branch: p.branch ?? null,
            deployed: p.deployedCommit ?? p.deployed?.text ?? null,
            behind: p.behind ?? null,
            reason: p.reason ?? null,
            text: describePlacement(p),
          })),
        },
        null,
        2,
      ),
    );
  } else {
    io.out(`${where.commit.slice(0, 7)}  ${where.subject}`);
    const width = Math.max(...where.environments.map((p) => p.env.length), 4);
    for (const p of where.environments) io.out(`  ${p.env.padEnd(width)}  ${describePlacement(p)}`);
  }
  return where.environments.every((p) => p.placement === 'deployed') ? EXIT_OK : EXIT_FINDINGS;
}
