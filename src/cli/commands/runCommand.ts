import * as os from 'node:os';
import * as path from 'node:path';
import { AuditLog } from '../../core/chatops/auditLog';
import { parseDurationSeconds } from '../../core/config/duration';
import { AgentOperationRunner, describeAgentOperation } from '../../core/operations/agentOperations';
import type { OperationOutcome } from '../../core/operations/operationOutcome';
import { didYouMean } from '../../core/text/didYouMean';
import { describeAgentStatus } from '../../core/agent/agentStatus';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../cliIo';
import { cliEvaluationContext } from '../cliEvaluationContext';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';
import { selectEnvironments } from '../selectEnvironments';

export const RUN_OPTIONS = { env: 'value', yes: 'flag', timeout: 'value', 'audit-log': 'value' } as const;

export const RUN_HELP = `youops run OPERATION --env NAME [--yes] [--timeout 5m] [--audit-log FILE] [--format text|json]

Runs an operation of youops.yaml that the GitOps agent performs (operations: with
flux:reconcile, flux:reconcile-with-source, flux:suspend, flux:resume or argocd:sync)
on one environment, and waits for the agent's outcome: what \`flux reconcile\`,
\`flux suspend/resume\` and \`argocd app sync\` do, through kubectl and the Argo CD API.
A protected environment needs --yes. Progress goes to stderr. Every request is
appended to the audit log: --audit-log, else $YOUOPS_AUDIT_LOG, else
$XDG_STATE_HOME/youops/audit.jsonl (~/.local/state/youops/audit.jsonl).
Exit 0 on success, 1 on failure or timeout, 2 when refused, cancelled or misused.
An argocd live source uses the token in $ARGOCD_AUTH_TOKEN (https only; $ARGOCD_SERVER pins it).`;

/** `youops run`: one agent operation, audited like a ChatOps send. The CLI is trusted: it runs what the user asked. */
export async function runCommand(args: ParsedArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`run supports --format text or json, not ${args.format}`);
  const [operation, ...extra] = args.positionals;
  if (!operation || extra.length) throw new UsageError('run takes one operation: youops run OPERATION --env NAME');
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  const channel = config.agentOperations[operation];
  if (!channel) {
    const other = config.operations[operation];
    if (other) throw new UsageError(`operation "${operation}" goes through ${other.channel}: ${other.channel === 'gitops' ? 'use youops promote' : 'run it from the editor (YouOps: Run Operation…)'}`);
    const known = Object.keys(config.agentOperations);
    const hint = didYouMean(operation, [...known, ...Object.keys(config.operations)]);
    throw new UsageError(`no operation "${operation}" in youops.yaml${hint ? ` (did you mean "${hint}"?)` : ''}${known.length ? `; agent operations: ${known.join(', ')}` : '; add one under operations:, e.g. reconcile: flux:reconcile'}`);
  }
  if (typeof args.options.env !== 'string') throw new UsageError(`run needs --env NAME: the environment ${operation} acts on`);
  const [target] = selectEnvironments(config, [args.options.env]);
  const timeoutMs = typeof args.options.timeout === 'string' ? parseDurationSeconds(args.options.timeout, NaN) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--timeout must be a duration such as 90s or 5m, not "${String(args.options.timeout)}"`);

  const audit = new AuditLog(auditLogFile(args, env));
  const runner = new AgentOperationRunner({
    rootDir,
    processEnv: env,
    secret: cliEvaluationContext(rootDir, {}, env).secret,
    audit,
    user: env.USER || env.USERNAME || os.userInfo().username,
    isTrusted: () => true,
    confirm: async () => args.options.yes === true,
  });
  if (args.format === 'text') io.err(`${describeAgentOperation(channel, target)} (${target.name})…`);
  const outcome = await runner.run({ operation, channel, env: target, ...(timeoutMs ? { timeoutMs } : {}) }, (p) => io.err(`  ${p.message}`));
  if (outcome.status === 'cancelled' && args.options.yes !== true) {
    throw new UsageError(`${target.name} is protected: pass --yes to confirm: ${describeAgentOperation(channel, target)}`);
  }
  if (args.format === 'json') {
    io.out(JSON.stringify({ operation, env: target.name, status: outcome.status, message: outcome.message, delivery: outcome.delivery, agent: outcome.agent ? { ...outcome.agent, text: describeAgentStatus(outcome.agent) } : null, steps: outcome.steps, auditLog: audit.file }, null, 2));
  } else {
    io.out(`${SYMBOL[outcome.status]} ${outcome.message}`);
  }
  return EXIT_CODE[outcome.status];
}

const SYMBOL: Record<OperationOutcome['status'], string> = { success: '✓', failure: '✗', timeout: '∅', error: '⚠', cancelled: '–', refused: '⛔' };
const EXIT_CODE: Record<OperationOutcome['status'], number> = { success: EXIT_OK, failure: EXIT_FINDINGS, timeout: EXIT_FINDINGS, error: EXIT_FINDINGS, cancelled: EXIT_USAGE, refused: EXIT_USAGE };

function auditLogFile(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  if (typeof args.options['audit-log'] === 'string') return path.resolve(args.cwd, args.options['audit-log']);
  if (env.YOUOPS_AUDIT_LOG) return path.resolve(args.cwd, env.YOUOPS_AUDIT_LOG);
  const state = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'youops', 'audit.jsonl');
}
