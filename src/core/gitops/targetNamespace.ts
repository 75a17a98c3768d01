import type { ResourceComparison } from '../environments/compareEnvironments';

/** `to`: the namespace to write instead; `note`: why the namespace is kept although it may be wrong. */
export interface NamespaceChoice {
  to?: string;
  note?: string;
}

/**
 * The target's namespace for a resource that is new there, read off the resources both
 * environments have: when every pair whose source copy sits in `namespace` has its target
 * copy in one other namespace (shop-staging → shop-prod), that one. No such pair, or pairs
 * that disagree, keep the namespace with a note; the same namespace on both sides needs nothing.
 */
export function targetNamespace(pairs: readonly ResourceComparison[], namespace: string | undefined, target: string): NamespaceChoice {
  if (namespace === undefined) return {};
  const seen = new Set<string | undefined>();
  for (const p of pairs) if (p.from && p.to && p.from.id.namespace === namespace) seen.add(p.to.id.namespace);
  if (seen.size === 0) return { note: `namespace ${namespace} kept: no resource in it exists in both environments to show ${target}'s` };
  const [only] = seen;
  if (seen.size === 1 && only !== undefined) return only === namespace ? {} : { to: only };
  const names = [...seen].map((n) => n ?? '(none)').sort().join(', ');
  return { note: `namespace ${namespace} kept: its other resources are in ${names} in ${target}` };
}
