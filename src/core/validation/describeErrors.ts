import type { ErrorObject } from 'ajv';
import { pointerLabel as label } from '../text/fieldPath';
import { didYouMean } from '../text/didYouMean';
import type { DiagnosticCode } from './types';

/** A readable finding for one offending node, before it gets a source range. */
export interface Finding {
  pointer: string;
  /** Set for unknown fields: the squiggle goes on this key of the mapping at pointer. */
  key?: string;
  message: string;
  code: DiagnosticCode;
  /** Obvious repair: rename the key / replace the value with this text. */
  fix?: { kind: 'rename' | 'value'; replacement: string; title: string };
}

/**
 * Turns ajv errors into one message per offending node. Errors inside anyOf/oneOf branches are
 * folded into one finding (or into the one branch whose type matched), `if` noise is dropped.
 */
export function describeErrors(errors: ErrorObject[], rootLabel: string, prefix = ''): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of fold(errors)) {
    const f = describe(e, rootLabel, prefix);
    const id = `${f.pointer}|${f.key ?? ''}|${f.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(f);
    }
  }
  return findings;
}

function fold(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (combinators.length === 0) return errors.filter((e) => e.keyword !== 'if');
  const out: ErrorObject[] = [];
  const handled = new Set<ErrorObject>();
  for (const c of combinators) {
    if (handled.has(c)) continue;
    const prefix = `${c.schemaPath}/`;
    const inner = errors.filter((e) => e.schemaPath.startsWith(prefix));
    inner.forEach((e) => handled.add(e));
    // Branches whose type did not match are not what the author meant; if only one is left, explain it.
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inner) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const plausible = [...byBranch.values()].filter((list) => !list.some((e) => e.keyword === 'type' && e.instancePath === c.instancePath));
    if (plausible.length === 1 && byBranch.size > 1) out.push(...fold(plausible[0]));
    else out.push(c);
  }
  for (const e of errors) if (!handled.has(e) && !combinators.includes(e) && e.keyword !== 'if') out.push(e);
  for (const c of combinators) if (!handled.has(c) && !out.includes(c)) out.push(c);
  return out;
}

/** `base` prefixes pointers when the validated value sits inside a bigger document (List items). */
function describe(e: ErrorObject, rootLabel: string, base: string): Finding {
  const pointer = base + e.instancePath;
  const at = label(pointer);
  const prefix = at ? `${at}: ` : '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, known);
      return {
        pointer,
        key,
        code: 'unknown-field',
        message: `${prefix}unknown field "${key}"${hint ? ` — did you mean "${hint}"?` : ''}`,
        fix: hint ? { kind: 'rename', replacement: hint, title: `Rename to "${hint}"` } : undefined,
      };
    }
    case 'required':
      return { pointer, code: 'required', message: `${at || rootLabel}: missing required field "${String(p.missingProperty)}"` };
    case 'type': {
      const expected = typeList(p.type);
      return { pointer, code: 'type', message: `${prefix}expected ${expected.join(' or ')}, got ${typeOf(e.data)}`, fix: typeFix(expected, e.data) };
    }
    case 'const':
      return { pointer, code: 'enum', message: `${prefix}must be ${JSON.stringify(p.allowedValue)}, got ${typeOf(e.data)}` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      const list = allowed.length > 12 ? `${allowed.slice(0, 12).map((v) => JSON.stringify(v)).join(', ')}, …` : allowed.map((v) => JSON.stringify(v)).join(', ');
      return {
        pointer,
        code: 'enum',
        message: `${prefix}${typeOf(e.data)} is not allowed${hint ? ` — did you mean "${hint}"?` : ''} (one of ${list})`,
        fix: hint ? { kind: 'value', replacement: hint, title: `Change to "${hint}"` } : undefined,
      };
    }
    case 'anyOf':
    case 'oneOf': {
      const branches = ((e.parentSchema as Record<string, Array<{ type?: unknown }>> | undefined)?.[e.keyword] ?? []).map((b) => typeList(b.type).join(' or '));
      const named = branches.every((b) => b && b !== 'value');
      return { pointer, code: 'type', message: named ? `${prefix}expected ${[...new Set(branches)].join(' or ')}, got ${typeOf(e.data)}` : `${prefix}does not match any allowed form` };
    }
    case 'false schema':
      return { pointer, code: 'unknown-field', message: `${at || rootLabel}: not allowed here` };
    case 'format':
      return { pointer, code: 'value', message: `${prefix}${typeOf(e.data)} is not a valid ${String(p.format)} (format "${String(p.format)}")` };
    case 'pattern':
      return { pointer, code: 'value', message: `${prefix}${typeOf(e.data)} does not match ${String(p.pattern)}` };
    default:
      return { pointer, code: 'value', message: `${prefix}${e.message ?? 'is invalid'}` };
  }
}

function typeList(t: unknown): string[] {
  const list = (Array.isArray(t) ? t : String(t ?? 'value').split(',')).map(String).filter((x) => x !== 'null');
  return list.length ? list.map((x) => (x === 'array' ? 'list' : x === 'object' ? 'mapping' : x)) : ['null'];
}

/** "3" where an integer is expected → 3; 1.10 where a string is expected is fixed by quoting (needs the source). */
function typeFix(expected: string[], data: unknown): Finding['fix'] {
  if (typeof data === 'string') {
    const t = data.trim();
    if ((expected.includes('integer') && /^-?\d+$/.test(t)) || (expected.includes('number') && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t))) {
      return { kind: 'value', replacement: t, title: `Convert "${t}" to a number` };
    }
    if (expected.includes('boolean') && (t === 'true' || t === 'false')) return { kind: 'value', replacement: t, title: `Convert "${t}" to a boolean` };
  }
  if (expected.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) {
    return { kind: 'value', replacement: '', title: 'Quote the value' }; // replacement filled from the source text
  }
  return undefined;
}

export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}
