import * as path from 'node:path';
import type { EnvironmentState } from '../../core/environments/environmentState';
import { evaluateEnvironment } from '../../core/environments/evaluateEnvironment';
import { fieldPathLabel } from '../../core/environments/fieldPathLabel';
import { reportedStatus } from '../../core/environments/reportedStatus';
import { formatResourceId } from '../../core/manifests/resourceId';
import { agentObjectLabel, describeAgentStatus } from '../../core/agent/agentStatus';
import { describeRevision, revisionJson } from '../../core/revision/compareRevision';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../cliIo';
import { cliEvaluationContext, UNTRUSTED_HELP, UNTRUSTED_OPTION } from '../cliEvaluationContext';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';
import { envOption, selectEnvironments } from '../selectEnvironments';

/** `--env NAME` (repeatable through commas) is the same as naming environments positionally. */
export const DRIFT_OPTIONS = { env: 'value', ...UNTRUSTED_OPTION } as const;

export const DRIFT_HELP = `youops drift [ENV…] [--env NAME[,NAME…]] [--format text|json] [--untrusted]

Compares each environment's manifests (or only the named ones) with its live state
and prints every drifted field with its file:line, plus Missing and Extra resources.
Exit 0 when in sync, 1 on drift, missing, extra or errors, 2 on config errors.
An argocd live source uses the token in $ARGOCD_AUTH_TOKEN (https only; $ARGOCD_SERVER pins it).
Command and kubectl live sources run programs the repository names: do not run drift on
untrusted pull requests without --untrusted.
${UNTRUSTED_HELP}`;

interface DriftJsonField {
  path: string;
  desired: unknown;
  live: unknown;
  line: number | null;
}

/** `youops drift`: field-level drift per environment. The CLI is trusted: it runs what the user asked. */
export async function driftCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`drift supports --format text or json, not ${args.format}`);
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  const selected = selectEnvironments(config, [...args.positionals, ...envOption(args)]);
  const ctx = cliEvaluationContext(rootDir, args.options);
  const states = await Promise.all(selected.map((env) => evaluateEnvironment(env, config, ctx)));
  const rel = (file: string): string => path.relative(args.cwd, file).split(path.sep).join('/') || file;

  if (args.format === 'json') io.out(JSON.stringify({ environments: states.map((s) => environmentJson(s, rel)) }, null, 2));
  else for (const s of states) io.out(environmentText(s, rel));

  return states.some(hasFindings) ? EXIT_FINDINGS : EXIT_OK;
}

function hasFindings(s: EnvironmentState): boolean {
  const { status } = reportedStatus(s);
  return status === 'Drifted' || status === 'Error';
}

function environmentJson(s: EnvironmentState, rel: (file: string) => string): unknown {
  return {
    name: s.config.name,
    status: reportedStatus(s).status,
    ...(s.drift.error ? { error: s.drift.error } : {}),
    live: s.config.live?.provider ?? null,
    ...(s.liveSummary ? { summary: s.liveSummary } : {}),
    agent: s.agent ? { ...s.agent, text: describeAgentStatus(s.agent) } : null,
    revision: revisionJson(s.revision),
    counts: s.drift.counts,
    refreshedAt: s.drift.refreshedAt?.toISOString() ?? null,
    manifestErrors: s.manifestErrors
      .filter((e) => e.severity === 'error')
      .map((e) => ({ file: rel(e.file), line: e.range ? e.range.start.line + 1 : null, message: e.message })),
    resources: s.drift.resources.map((r) => ({
      apiVersion: r.id.apiVersion,
      kind: r.id.kind,
      namespace: r.id.namespace ?? null,
      name: r.id.name,
      file: r.resource ? rel(r.resource.file) : null,
      line: r.resource ? r.resource.range.start.line + 1 : null,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      drift: r.fields.map(
        (f): DriftJsonField => ({
          path: fieldPathLabel(f.path, r.resource?.object, r.id.apiVersion, r.id.kind),
          desired: f.desired,
          live: f.live ?? null,
          line: f.location ? f.location.keyRange.start.line + 1 : null,
        }),
      ),
    })),
  };
}

function environmentText(s: EnvironmentState, rel: (file: string) => string): string {
  const counts = Object.entries(s.drift.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === 'InSync' ? 'in sync' : status.toLowerCase()}`)
    .join(', ');
  const summary = s.liveSummary ? ` [${[s.liveSummary.sync, s.liveSummary.health].filter(Boolean).join(', ')}]` : '';
  const source = s.config.live ? ` (${s.config.live.provider})` : ' (no live source)';
  const lines = [`${s.config.name}: ${reportedStatus(s).status}${summary}${counts ? ` — ${counts}` : ''}${source}`];
  if (s.agent) lines.push(`  ${agentObjectLabel(s.agent)}: ${describeAgentStatus(s.agent)}`);
  if (s.revision) lines.push(`  ${describeRevision(s.revision)}`);
  if (s.drift.error) lines.push(...s.drift.error.split('\n').map((l) => `  error: ${l}`));
  for (const e of s.manifestErrors) {
    if (e.severity === 'error') lines.push(`  ${rel(e.file)}${e.range ? `:${e.range.start.line + 1}` : ''}: error: ${e.message}`);
  }
  for (const r of s.drift.resources) {
    if (r.status === 'InSync' || r.status === 'Unknown') continue;
    const where = r.resource ? ` ${rel(r.resource.file)}:${r.resource.range.start.line + 1}` : '';
    lines.push(`  ${r.status.padEnd(7)} ${formatResourceId(r.id)}${where}`);
    if (r.error) lines.push(`    error: ${r.error}`);
    for (const f of r.fields) {
      const file = r.resource ? rel(r.resource.file) : '';
      const line = f.location ? `${file}:${f.location.keyRange.start.line + 1}` : file;
      const label = fieldPathLabel(f.path, r.resource?.object, r.id.apiVersion, r.id.kind);
      lines.push(`    ${line}  ${label}: desired ${show(f.desired)}, live ${f.live === undefined ? '(not set)' : show(f.live)}`);
    }
  }
  return lines.join('\n');
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
