import * as path from 'node:path';
import { lexicalEscape, linkEscapeSync } from '../files/containment';
import { isGlob } from '../manifests/glob';
import { pointerFromSegments as joinPointer } from '../text/jsonPointer';
import type { ConfigProblem } from './configProblem';
import type { YouOpsConfig } from './types';

type Finding = Omit<ConfigProblem, 'range'>;

/** Every path of youops.yaml that names repository content, with its JSON pointer. */
function configPaths(config: YouOpsConfig, raw: { environments?: Array<{ manifests?: unknown }> }): Array<{ pointer: string; value: string; label: string }> {
  const out: Array<{ pointer: string; value: string; label: string }> = [];
  config.environments.forEach((env, i) => {
    const listed = Array.isArray(raw.environments?.[i]?.manifests);
    env.manifests.forEach((m, j) => out.push({ pointer: joinPointer(listed ? ['environments', i, 'manifests', j] : ['environments', i, 'manifests']), value: m, label: 'manifests' }));
    const live = env.live;
    if (live?.provider === 'snapshot') out.push({ pointer: joinPointer(['environments', i, 'live', 'snapshot']), value: live.path, label: 'snapshot' });
    if (live?.provider === 'gitRef' && live.path !== undefined) out.push({ pointer: joinPointer(['environments', i, 'live', 'gitRef', 'path']), value: live.path, label: 'gitRef path' });
  });
  out.push({ pointer: '/issueops/templates', value: config.issueops.templates, label: 'templates' });
  config.schemas.forEach((s, k) => {
    if (!/^https?:\/\//i.test(s.schema)) out.push({ pointer: joinPointer(['schemas', k, 'schema']), value: s.schema, label: 'schema' });
  });
  return out;
}

/**
 * Paths must stay in the repository: no absolute paths, no `..` out of it, and — with
 * `baseDir`, when the file system is at hand — no symbolic link out of it (checked up to the
 * first glob character). Each problem sits on the offending value.
 */
export function checkConfigPaths(config: YouOpsConfig, raw: unknown, baseDir?: string): Finding[] {
  const findings: Finding[] = [];
  for (const { pointer, value, label } of configPaths(config, raw as { environments?: Array<{ manifests?: unknown }> })) {
    const lexical = lexicalEscape(value.replace(/^file:\/\//i, '/'));
    if (lexical) {
      findings.push({ severity: 'error', path: pointer, message: `${label} "${value}": ${lexical}` });
      continue;
    }
    if (baseDir === undefined) continue;
    const parts = value.replace(/\\/g, '/').split('/');
    const literal = isGlob(value) ? parts.slice(0, parts.findIndex(isGlob)).join('/') : value;
    const link = linkEscapeSync(baseDir, path.resolve(baseDir, literal || '.'));
    if (link) findings.push({ severity: 'error', path: pointer, message: `${label} "${value}": ${link}` });
  }
  return findings;
}
