import { isRecord } from '../manifests/resourceId';

type PodList = 'containers' | 'initContainers' | 'volumes';

/**
 * What well-known mutating webhooks add to a pod and record in its annotations, so the
 * items they own are not drift: Istio lists them in `sidecar.istio.io/status`; Linkerd
 * and the Vault agent injector mark the pod and always add the same names.
 */
const FIXED_INJECTORS: Array<{ annotation: string; value?: string; names: Record<PodList, string[]> }> = [
  {
    annotation: 'linkerd.io/proxy-version',
    names: { containers: ['linkerd-proxy'], initContainers: ['linkerd-init', 'linkerd-network-validator'], volumes: ['linkerd-identity-end-entity', 'linkerd-identity-token', 'linkerd-proxy-init-xtables-lock'] },
  },
  {
    annotation: 'vault.hashicorp.com/agent-inject-status',
    value: 'injected',
    names: { containers: ['vault-agent'], initContainers: ['vault-agent-init'], volumes: ['home-init', 'home-sidecar', 'vault-secrets'] },
  },
];

/** Names in `list` that an injector added to the pod with this (live) metadata. */
export function injectedNames(podMetadata: unknown, list: string): ReadonlySet<string> {
  const names = new Set<string>();
  const annotations = isRecord(podMetadata) && isRecord(podMetadata.annotations) ? podMetadata.annotations : undefined;
  if (!annotations || (list !== 'containers' && list !== 'initContainers' && list !== 'volumes')) return names;
  const istio = Object.hasOwn(annotations, 'sidecar.istio.io/status') ? annotations['sidecar.istio.io/status'] : undefined;
  if (typeof istio === 'string') {
    const listed = istioStatus(istio)?.[list];
    if (Array.isArray(listed)) for (const n of listed) if (typeof n === 'string') names.add(n);
  }
  for (const injector of FIXED_INJECTORS) {
    const value = Object.hasOwn(annotations, injector.annotation) ? annotations[injector.annotation] : undefined;
    if (value !== undefined && (injector.value === undefined || value === injector.value)) for (const n of injector.names[list]) names.add(n);
  }
  return names;
}

/** Istio writes the same status on every pod of a revision: parse each text once (bounded). */
const statuses = new Map<string, Record<string, unknown> | undefined>();

function istioStatus(text: string): Record<string, unknown> | undefined {
  if (statuses.has(text)) return statuses.get(text);
  let status: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    status = isRecord(value) ? value : undefined;
  } catch {
    status = undefined; // an unreadable status proves nothing
  }
  if (statuses.size > 1000) statuses.clear();
  statuses.set(text, status);
  return status;
}
