import type { ErrorObject } from 'ajv';
import { didYouMean } from '../text/didYouMean';
import { LIVE_PROVIDER_NAMES } from './liveSources';
import { pointerLabel } from '../text/fieldPath';

/** Turns ajv's errors into one readable message per offending node. */
export interface ShapeFinding {
  pointer: string;
  /** Set when the finding is about a key (unknown field), so the squiggle goes on the key. */
  key?: string;
  message: string;
}

export function describeSchemaErrors(errors: ErrorObject[]): ShapeFinding[] {
  // A failed oneOf also reports every branch's own failure: keep only the oneOf summary.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const findings: ShapeFinding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && oneOfPaths.has(e.instancePath) && e.schemaPath.includes('/oneOf/')) continue;
    const finding = describe(e);
    const id = `${finding.pointer}|${finding.key ?? ''}|${finding.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(finding);
    }
  }
  return findings;
}

function describe(e: ErrorObject): ShapeFinding {
  const at = pointerLabel(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const hint = didYouMean(key, known);
      return {
        pointer: e.instancePath,
        key,
        message: `${at ? at + ': ' : ''}unknown field "${key}"${hint ? ` — did you mean "${hint}"?` : known.length ? ` (expected one of: ${known.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return { pointer: e.instancePath, message: `${at || 'youops.yaml'}: missing required field "${String(p.missingProperty)}"` };
    case 'type':
      return { pointer: e.instancePath, message: `${at}: expected ${String(p.type)}, got ${typeOf(e.data)}` };
    case 'const':
      return { pointer: e.instancePath, message: `${at}: must be ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return { pointer: e.instancePath, message: `${at}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { pointer: e.instancePath, message: `${at}: ${JSON.stringify(e.data)} ${patternHint(e.instancePath, String(p.pattern))}` };
    case 'minItems':
      return { pointer: e.instancePath, message: `${at}: must list at least ${String(p.limit)} item(s)` };
    case 'minLength':
      return { pointer: e.instancePath, message: `${at}: must not be empty` };
    case 'minProperties':
    case 'maxProperties':
      if (e.instancePath.endsWith('/live')) {
        return { pointer: e.instancePath, message: `${at}: must name exactly one live-state provider (${LIVE_PROVIDER_NAMES.slice(0, -1).join(', ')} or ${LIVE_PROVIDER_NAMES.at(-1)})` };
      }
      return { pointer: e.instancePath, message: `${at}: ${e.message ?? 'has the wrong number of fields'}` };
    case 'oneOf': {
      if (e.instancePath.endsWith('/live/flux')) {
        return { pointer: e.instancePath, message: `${at}: name exactly one Flux object: kustomization: NAME or helmRelease: NAME` };
      }
      const branches = ((e.parentSchema as { oneOf?: Array<{ type?: string; items?: { type?: string } }> })?.oneOf ?? []).map((b) =>
        b.type === 'array' ? `a list of ${b.items?.type ?? 'value'}s` : `a ${b.type ?? 'value'}`,
      );
      return { pointer: e.instancePath, message: `${at}: expected ${branches.join(' or ')}, got ${typeOf(e.data)}` };
    }
    case 'format':
      return { pointer: e.instancePath, message: `${at}: ${JSON.stringify(e.data)} is not a valid ${String(p.format)}` };
    default:
      return { pointer: e.instancePath, message: `${at}: ${e.message ?? 'is invalid'}` };
  }
}

function patternHint(pointer: string, pattern: string): string {
  if (/^\/operations\//.test(pointer)) return 'is not a channel: use gitops, issueops:<template>, chatops:<command>, flux:reconcile, flux:reconcile-with-source, flux:suspend, flux:resume or argocd:sync';
  if (pointer.endsWith('/refresh')) return 'is not a duration: use e.g. 30s, 5m, 1h or 0';
  if (pointer.endsWith('/repo')) return 'is not a repository: use owner/name';
  if (pointer.endsWith('/appNamespace') || pointer.endsWith('/flux/namespace')) return 'is not a Kubernetes namespace name: lowercase letters, digits and -';
  return `does not match ${pattern}`;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}
