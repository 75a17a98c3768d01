import { isRecord } from '../manifests/resourceId';

/** What a patch `target:` is matched against: the object's names and labels as kustomize knows them at that layer. */
export interface SelectorSubject {
  apiVersion: string;
  kind: string;
  /** The original name and the name at the layer (kustomize matches either). */
  names: string[];
  namespaces: string[];
  labels: Record<string, unknown>;
  annotations: Record<string, unknown>;
}

/**
 * kustomize's patch target: group, version, kind, name and namespace are anchored regular
 * expressions (a plain name matches itself), labelSelector/annotationSelector are Kubernetes
 * label selectors.
 */
export function matchesTarget(target: Record<string, unknown>, s: SelectorSubject): boolean {
  const slash = s.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : s.apiVersion.slice(0, slash);
  const version = slash < 0 ? s.apiVersion : s.apiVersion.slice(slash + 1);
  const checks: Array<[unknown, string[]]> = [
    [target.group, [group]],
    [target.version, [version]],
    [target.kind, [s.kind]],
    [target.name, s.names],
    [target.namespace, s.namespaces],
  ];
  for (const [want, have] of checks) {
    if (typeof want !== 'string' || want === '') continue;
    if (!have.some((h) => matchesPattern(want, h))) return false;
  }
  if (typeof target.labelSelector === 'string' && !matchesLabelSelector(target.labelSelector, s.labels)) return false;
  if (typeof target.annotationSelector === 'string' && !matchesLabelSelector(target.annotationSelector, s.annotations)) return false;
  return true;
}

function matchesPattern(pattern: string, value: string): boolean {
  if (pattern === value) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** `app=web,tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`. */
export function matchesLabelSelector(selector: string, labels: Record<string, unknown>): boolean {
  const terms = selector.split(/,(?![^(]*\))/).map((t) => t.trim()).filter(Boolean);
  return terms.every((term) => {
    let m = /^(\S+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) {
      const has = isRecord(labels) && m[1] in labels && String(labels[m[1]]) === m[3].trim();
      return m[2] === '!=' ? !has : has;
    }
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      const has = m[1] in labels && values.includes(String(labels[m[1]]));
      return m[2] === 'in' ? has : !has;
    }
    if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
    return term in labels;
  });
}
