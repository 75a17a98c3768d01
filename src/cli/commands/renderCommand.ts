import * as path from 'node:path';
import { stringify } from 'yaml';
import { loadDesiredState } from '../../core/environments/loadDesiredState';
import { currentBranch } from '../../core/git/history';
import type { ManifestResource } from '../../core/manifests/manifestResource';
import { formatResourceId } from '../../core/manifests/resourceId';
import { didYouMean } from '../../core/text/didYouMean';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../cliIo';
import { cliEvaluationContext, UNTRUSTED_HELP, UNTRUSTED_OPTION } from '../cliEvaluationContext';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';

export const RENDER_OPTIONS = { env: 'value', ...UNTRUSTED_OPTION } as const;

export const RENDER_HELP = `youops render [--env NAME] [--format text|json] [--untrusted]

Prints each environment's desired state as the GitOps agent applies it (like
\`flux build kustomization\`): kustomizations rendered by kustomize (kubectl's by
default; $YOUOPS_KUSTOMIZE_PATH names another), other manifests as written. Each
object is preceded by a \`# Source:\` comment naming the file and line it comes from
(the base document, or the generator entry) and the overlay that rendered it; values
are written so that kubectl reads them back as they are (YAML 1.1 quoting).
kustomize runs without plugins, exec functions or Helm, with a 30 s timeout.
Exit 0 when everything rendered, 1 when kustomize failed or manifests have errors.

${UNTRUSTED_HELP}`;

/** `youops render`: the rendered desired state of one or every environment. */
export async function renderCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`render supports --format text or json, not ${args.format}`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (name the environment with --env)`);
  const { config, rootDir } = await loadWorkspaceConfig(args.cwd, args.config);
  const names = config.environments.map((e) => e.name);
  const wanted = typeof args.options.env === 'string' ? args.options.env : undefined;
  if (wanted !== undefined && !names.includes(wanted)) {
    const hint = didYouMean(wanted, names);
    throw new UsageError(`no environment "${wanted}" in youops.yaml${hint ? ` (did you mean "${hint}"?)` : ''}; environments: ${names.join(', ')}`);
  }
  const selected = config.environments.filter((e) => wanted === undefined || e.name === wanted);
  const ctx = cliEvaluationContext(rootDir, args.options);
  const branch = await currentBranch(rootDir);
  const states = await Promise.all(selected.map((env) => loadDesiredState(env, rootDir, branch, undefined, ctx)));
  const rel = (file: string): string => path.relative(args.cwd, file).split(path.sep).join('/') || file;
  let failed = false;

  const environments = selected.map((env, i) => {
    const { manifests, rendering } = states[i];
    const errors = manifests.errors.filter((e) => e.severity === 'error');
    if (errors.length || rendering?.status === 'failed') failed = true;
    return { env, manifests, rendering, errors };
  });

  if (args.format === 'json') {
    io.out(
      JSON.stringify(
        {
          environments: environments.map(({ env, manifests, rendering, errors }) => ({
            name: env.name,
            rendering: rendering ? { status: rendering.status, ...(rendering.reason ? { reason: rendering.reason } : {}), ...(rendering.tool ? { tool: rendering.tool } : {}) } : null,
            errors: errors.map((e) => ({ file: rel(e.file), line: e.range ? e.range.start.line + 1 : null, message: e.message })),
            resources: manifests.resources.map((r) => ({ ...origin(r, rel), object: r.object })),
          })),
        },
        null,
        2,
      ),
    );
  } else {
    const out: string[] = [];
    for (const { env, manifests, rendering, errors } of environments) {
      if (environments.length > 1) out.push(`# Environment: ${env.name}`);
      if (rendering?.status === 'notRendered') out.push(`# warning: ${rendering.reason}`);
      for (const e of errors) io.err(`youops: ${rel(e.file)}${e.range ? `:${e.range.start.line + 1}` : ''}: ${e.message}`);
      for (const r of manifests.resources) {
        const o = origin(r, rel);
        out.push(`---\n# Source: ${o.file}:${o.line}${o.overlay ? ` (rendered from ${o.overlay})` : ''}\n${stringify(r.object, { lineWidth: 0, version: '1.1' }).trimEnd()}`);
      }
    }
    if (out.length) io.out(out.join('\n'));
  }
  if (failed && args.format === 'text') io.err(`youops: ${environments.map((e) => e.rendering?.reason).filter(Boolean).join('; ') || 'manifests have errors'}`);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

function origin(r: ManifestResource, rel: (file: string) => string): { resource: string; file: string; line: number; origin: string; overlay?: string } {
  return {
    resource: formatResourceId(r.id),
    file: rel(r.file),
    line: r.range.start.line + 1,
    origin: r.rendered?.origin.kind ?? 'resource',
    ...(r.rendered ? { overlay: rel(r.rendered.overlay) } : {}),
  };
}
