import { agentObjectLabel, describeAgentStatus } from '../../core/agent/agentStatus';
import { evaluateEnvironment } from '../../core/environments/evaluateEnvironment';
import { reportedStatus } from '../../core/environments/reportedStatus';
import { describeRevision, revisionJson } from '../../core/revision/compareRevision';
import { EXIT_FINDINGS, EXIT_OK, type CliIo } from '../cliIo';
import type { ParsedArgs } from '../parseArgs';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import { cliEvaluationContext, UNTRUSTED_HELP, UNTRUSTED_OPTION } from '../cliEvaluationContext';

export const ENVS_OPTIONS = UNTRUSTED_OPTION;

export const ENVS_HELP = `youops envs [--format text|json] [--untrusted]

Lists the environments of youops.yaml with their sync status against live state,
the deployed revision against the branch each follows (runs a1b2c3d — 3 commits
behind main), and the GitOps agent's own state (Flux Ready/Stalled, Argo CD sync).
Exit 1 when any environment is not in sync, or is Error (its live source failed or a manifest
could not be read).
An argocd live source uses the token in $ARGOCD_AUTH_TOKEN (https only; $ARGOCD_SERVER pins it).
Command, kubectl and flux live sources run programs the repository names: do not run envs on
untrusted pull requests without --untrusted.
${UNTRUSTED_HELP}`;

/** `youops envs`: every environment's status and counts. The CLI is trusted: it runs what the user asked. */
export async function envsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  const states = await Promise.all(config.environments.map((env) => evaluateEnvironment(env, config, cliEvaluationContext(rootDir, args.options))));
  const reported = new Map(states.map((s) => [s, reportedStatus(s, rootDir)]));
  if (args.format === 'json') {
    io.out(
      JSON.stringify(
        {
          environments: states.map((s) => ({
            name: s.config.name,
            status: reported.get(s)!.status,
            error: reported.get(s)!.error,
            counts: s.drift.counts,
            live: s.config.live?.provider ?? null,
            promotesFrom: s.config.promotesFrom ?? null,
            protected: s.config.protected,
            lastCommit: s.history[0] ? { hash: s.history[0].hash, subject: s.history[0].subject, date: s.history[0].date.toISOString() } : null,
            revision: revisionJson(s.revision),
            agent: s.agent ? { ...s.agent, text: describeAgentStatus(s.agent) } : null,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    const width = Math.max(...states.map((s) => s.config.name.length), 4);
    for (const s of states) {
      const counts = Object.entries(s.drift.counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      const { status, error } = reported.get(s)!;
      io.out(`${s.config.name.padEnd(width)}  ${status.padEnd(8)}  ${error ?? counts}${s.revision ? ` · ${describeRevision(s.revision)}` : ''}`);
      if (s.agent) io.out(`${' '.repeat(width + 2)}${agentObjectLabel(s.agent)}: ${describeAgentStatus(s.agent)}`);
    }
  }
  return states.every((s) => ['InSync', 'Unknown'].includes(reported.get(s)!.status)) ? EXIT_OK : EXIT_FINDINGS;
}
