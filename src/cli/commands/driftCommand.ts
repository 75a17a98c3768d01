import * as path from 'node:path';
import { driftText, shortText } from '../../core/drift/driftText';
import type { EnvironmentState } from '../../core/environments/environmentState';
import { desiredValueSource } from '../../core/environments/driftSources';
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
and prints every drifted field with the file:line that sets its desired value, plus
Missing and Extra resources. Kustomizations are rendered by kustomize (kubectl's by
default; $YOUOPS_KUSTOMIZE_PATH names another), and each rendered value is traced to
the patch, kustomization entry or base line that sets it.
Exit 0 when in sync, 1 on drift, missing, extra or errors, 2 on config errors.
An argocd live source uses the token in $ARGOCD_AUTH_TOKEN (https only; $ARGOCD_SERVER pins it).
Command, kubectl and flux live sources run programs the repository names: do not run drift on
untrusted pull requests without --untrusted.
${UNTRUSTED_HELP}`;

interface DriftJsonField {
  path: string;
  /** null when Git does not set it (reason extra) or when masked. */
  desired: unknown;
  /** null when live lacks it (reason missing) or when masked. */
  live: unknown;
  reason: 'changed' | 'missing' | 'extra';
  /** A Secret value: neither value is printed. */
  masked?: true;
  /** Where the desired value is set: the manifest line, or (rendered) the patch / kustomization entry. */
  file: string | null;
  line: number | null;
  setBy?: string;
  entry?: string;
  /** Rendered: the value the setting line replaces further down (the base's, an inner overlay's). */
  overrides?: { file: string; line: number; value?: unknown };
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
    ...(s.rendering ? { rendering: renderingJson(s, rel) } : {}),
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
      file: r.resource?.file ? rel(r.resource.file) : null,
      line: r.resource?.file ? r.resource.range.start.line + 1 : null,
      status: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.error ? { error: r.error } : {}),
      drift: r.fields.map((f): DriftJsonField => {
        const source = desiredValueSource(r, f);
        const overrides = source?.overrides;
        // A Secret's value is never printed, not even the one an overlay replaces.
        const overridden = overrides?.value !== undefined && !f.masked ? { value: overrides.value } : {};
        return {
          path: fieldPathLabel(f.path, r.resource?.object, r.id.apiVersion, r.id.kind),
          desired: f.desired ?? null,
          live: f.live ?? null,
          reason: f.reason,
          ...(f.masked ? { masked: true as const } : {}),
          file: source ? rel(source.file) : null,
          line: source ? source.range.start.line + 1 : null,
          ...(r.resource?.rendered && source ? { setBy: source.setBy, ...(source.entry ? { entry: source.entry } : {}) } : {}),
          ...(overrides ? { overrides: { file: rel(overrides.file), line: overrides.range.start.line + 1, ...overridden } } : {}),
        };
      }),
    })),
  };
}

function renderingJson(s: EnvironmentState, rel: (file: string) => string): unknown {
  const r = s.rendering;
  if (!r) return null;
  return {
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.tool ? { tool: r.tool } : {}),
    overlays: r.overlays.map((o) => ({ kustomization: rel(o.kustomization), durationMs: o.durationMs, cached: o.cached, ...(o.error ? { error: o.error } : {}) })),
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
  if (s.rendering?.status === 'notRendered') lines.push(`  warning: ${s.rendering.reason ?? 'not rendered'}`);
  if (s.drift.error) lines.push(...s.drift.error.split('\n').map((l) => `  error: ${l}`));
  for (const e of s.manifestErrors) {
    if (e.severity === 'error') lines.push(`  ${rel(e.file)}${e.range ? `:${e.range.start.line + 1}` : ''}: error: ${e.message}`);
  }
  for (const r of s.drift.resources) {
    // Unknown is the environment's state when live state is missing; a resource's own Unknown has a reason.
    if (r.status === 'InSync' || (r.status === 'Unknown' && !r.reason)) continue;
    const where = r.resource?.file ? ` ${rel(r.resource.file)}:${r.resource.range.start.line + 1}` : '';
    lines.push(`  ${r.status.padEnd(7)} ${formatResourceId(r.id)}${where}${r.reason ? ` — ${r.reason}` : ''}`);
    if (r.error) lines.push(`    error: ${r.error}`);
    for (const f of r.fields) {
      const source = desiredValueSource(r, f);
      const line = source ? `${rel(source.file)}:${source.range.start.line + 1}` : '';
      const label = fieldPathLabel(f.path, r.resource?.object, r.id.apiVersion, r.id.kind);
      const over = source?.overrides;
      const overrides = over && over.value !== undefined && !f.masked ? ` (overrides ${shortText(over.value, 80)} at ${rel(over.file)}:${over.range.start.line + 1})` : '';
      lines.push(`    ${line}  ${label}: ${driftText(f, (v) => shortText(v, 80)).summary}${overrides}`);
    }
  }
  return lines.join('\n');
}
