import { didYouMean } from '../text/didYouMean';

/** The Kubernetes release the shipped schemas describe. */
export const KUBERNETES_RELEASE = '1.36';

/**
 * Releases that stopped serving an API version (Kubernetes' deprecated API migration guide);
 * `apiVersion/kind` entries where one kind left earlier or later than the rest of its version.
 */
const REMOVED_IN: Record<string, string> = {
  'extensions/v1beta1': '1.16',
  'extensions/v1beta1/Ingress': '1.22',
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'batch/v1beta1': '1.25',
  'networking.k8s.io/v1beta1': '1.22',
  'policy/v1beta1': '1.25',
  'autoscaling/v2beta1': '1.25',
  'autoscaling/v2beta2': '1.26',
  'rbac.authorization.k8s.io/v1alpha1': '1.22',
  'rbac.authorization.k8s.io/v1beta1': '1.22',
  'admissionregistration.k8s.io/v1beta1': '1.22',
  'apiextensions.k8s.io/v1beta1': '1.22',
  'apiregistration.k8s.io/v1beta1': '1.22',
  'authentication.k8s.io/v1beta1': '1.22',
  'authorization.k8s.io/v1beta1': '1.22',
  'certificates.k8s.io/v1beta1': '1.22',
  'coordination.k8s.io/v1beta1': '1.22',
  'scheduling.k8s.io/v1alpha1': '1.22',
  'scheduling.k8s.io/v1beta1': '1.22',
  'storage.k8s.io/v1beta1': '1.22',
  'storage.k8s.io/v1beta1/CSIStorageCapacity': '1.27',
  'discovery.k8s.io/v1beta1': '1.25',
  'events.k8s.io/v1beta1': '1.25',
  'node.k8s.io/v1beta1': '1.25',
  'flowcontrol.apiserver.k8s.io/v1beta1': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta2': '1.29',
  'flowcontrol.apiserver.k8s.io/v1beta3': '1.32',
};

/** Groups no longer served at all (extensions). */
const REMOVED_GROUPS = new Set(Object.keys(REMOVED_IN).map((k) => groupOf(k.split('/').length > 2 ? k.slice(0, k.lastIndexOf('/')) : k)));

/** Kinds Kubernetes removed without a successor at another version. */
const REMOVED_KINDS: Record<string, string> = {
  PodSecurityPolicy: 'PodSecurityPolicy was removed in Kubernetes 1.25 — use Pod Security Admission (pod-security.kubernetes.io labels on the namespace)',
};

export interface KindProblem {
  pointer: '/apiVersion' | '/kind';
  message: string;
  fix?: { kind: 'value'; replacement: string; title: string };
}

/** Built-in groups and where each kind is served, from the shipped index (`apiVersion/kind` keys). */
export class BuiltinKinds {
  private readonly groups = new Set<string>();
  private readonly versionsOfKind = new Map<string, string[]>();
  private readonly kindsOfGroup = new Map<string, string[]>();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      const slash = key.lastIndexOf('/');
      const apiVersion = key.slice(0, slash);
      const kind = key.slice(slash + 1);
      const group = groupOf(apiVersion);
      this.groups.add(group);
      this.versionsOfKind.set(kind, [...(this.versionsOfKind.get(kind) ?? []), apiVersion]);
      this.kindsOfGroup.set(group, [...(this.kindsOfGroup.get(group) ?? []), kind]);
    }
  }

  /** Where a kind is served, for "add apiVersion: …" hints. */
  apiVersionsOf(kind: string): string[] {
    return this.versionsOfKind.get(kind) ?? [];
  }

  /**
   * Why an apiVersion/kind with no shipped schema is wrong, when its group is a built-in one:
   * a removed or wrong version (with the version to use) or a misspelled kind. Undefined when the
   * group is not built in or nothing close is known (an unknown kind, as for CRDs).
   */
  problem(apiVersion: string, kind: string): KindProblem | undefined {
    const group = groupOf(apiVersion);
    if (!this.groups.has(group) && !REMOVED_GROUPS.has(group)) return undefined;
    const served = this.versionsOfKind.get(kind);
    if (served?.length) {
      // Prefer the same group's version (events.k8s.io/v1beta1 Event → events.k8s.io/v1, not v1).
      const use = served.find((v) => groupOf(v) === group) ?? served[0];
      const removed = REMOVED_IN[`${apiVersion}/${kind}`] ?? REMOVED_IN[apiVersion];
      const others = served.length > 1 ? ` (served at ${served.join(', ')})` : '';
      const message = removed
        ? `${kind} ${apiVersion} was removed in Kubernetes ${removed} — use ${use}${others}`
        : `${kind} is not served at ${apiVersion} in Kubernetes ${KUBERNETES_RELEASE} — use ${use}${others}`;
      return { pointer: '/apiVersion', message, fix: { kind: 'value', replacement: use, title: `Change to ${use}` } };
    }
    if (REMOVED_KINDS[kind]) return { pointer: '/kind', message: REMOVED_KINDS[kind] };
    const hint = didYouMean(kind, this.kindsOfGroup.get(group) ?? []) ?? didYouMean(kind, this.versionsOfKind.keys());
    if (!hint) return undefined;
    const where = this.versionsOfKind.get(hint)!;
    const move = where.includes(apiVersion) ? '' : ` (served at ${where.join(', ')})`;
    return { pointer: '/kind', message: `kind ${kind} — did you mean ${hint}?${move}`, fix: { kind: 'value', replacement: hint, title: `Change to ${hint}` } };
  }
}

/** `apps/v1` → `apps`; `v1` → '' (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
