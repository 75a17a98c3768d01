import type { FluxKind } from '../agent/agentStatus';
import type { FluxObjectRef } from '../flux/fluxApi';
import { readFluxInventory } from '../flux/fluxInventory';
import { FluxKubectl, type FluxKubectlOptions } from '../flux/fluxKubectl';
import { fluxDeployedRevision, readFluxStatus } from '../flux/fluxStatus';
import { formatResourceId, resourceIdOf, resourceKey, versionlessKey, type ResourceId } from '../manifests/resourceId';
import type { DeployedRevision } from '../revision/deployedRevision';
import { KubectlProvider, kubectlTarget } from './kubectlProvider';
import { parseLiveObjects, type ParsedLiveObjects } from './parseLiveObjects';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider, type UnreadableObject } from './provider';
import { execKubectl } from './runKubectl';

/** Names per `kubectl get`, as for the kubectl source. */
const MAX_NAMES_PER_CALL = 200;
/** kubectl processes at once for inventory batches; discovery is cached after the first call. */
const PARALLEL_CALLS = 4;

export interface FluxProviderOptions extends FluxKubectlOptions {
  object: FluxObjectRef;
}

/**
 * Live state as Flux applied it, through the user's kubectl. The Kustomization (or
 * HelmRelease) itself gives the agent's state and the deployed revision. A Kustomization's
 * `status.inventory` lists every object it applied, so those are fetched — per kind and
 * namespace, as the live objects — and the state is complete: inventory objects without a
 * manifest are Extra, manifests absent from the inventory Missing. An entry kubectl cannot
 * read (RBAC, a CRD gone) becomes that resource's Error; the rest is still evaluated.
 * Without an inventory (a HelmRelease, whose manifests are the release rather than its
 * rendered objects, or a Kustomization never applied) the desired objects are fetched like
 * the kubectl source does, and nothing is Extra.
 */
export class FluxProvider implements LiveStateProvider {
  readonly name = 'flux';
  readonly targeted = true;
  private readonly kubectl: FluxKubectl;

  constructor(private readonly options: FluxProviderOptions) {
    if (!options.object.name) throw new LiveStateError('flux', 'flux live source names no kustomization or helmRelease');
    this.kubectl = new FluxKubectl(options);
  }

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const { object: ref, context } = this.options;
    const fluxObject = await this.kubectl.get(ref, request.signal);
    const agent = readFluxStatus(fluxObject, ref.kind, context);
    const revision = fluxDeployedRevision(fluxObject, ref.kind);
    const extras = { agent, ...(revision ? { revision } : {}) };
    const self = this.selfIfDesired(fluxObject, request);
    const inventory = ref.kind === 'Kustomization' ? readFluxInventory(fluxObject) : undefined;
    if (!inventory) {
      const targeted = request.resources.filter((r) => !self || versionlessKey(r.id) !== versionlessKey(self.id));
      const state = await new KubectlProvider(this.options).fetch({ ...request, resources: targeted });
      return { ...state, objects: [...state.objects, ...(self ? [self] : [])], ...extras };
    }
    const { objects, unreadable } = await this.fetchInventory(inventory.entries, request.signal);
    for (const id of inventory.invalid) unreadable.push({ id: { apiVersion: '', kind: 'Unknown', name: id }, key: `inventory/${id}`, message: `the inventory entry "${id}" is not in Flux's <namespace>_<name>_<group>_<kind> format` });
    if (self && !objects.some((o) => versionlessKey(o.id) === versionlessKey(self.id))) objects.push(self);
    return { objects, complete: true, fetchedAt: new Date(), ...(unreadable.length ? { unreadable } : {}), ...extras };
  }

  async deployedRevision(signal?: AbortSignal): Promise<DeployedRevision | undefined> {
    return fluxDeployedRevision(await this.kubectl.get(this.options.object, signal), this.options.object.kind);
  }

  /** The Flux object is itself live state when the manifests declare it. */
  private selfIfDesired(object: unknown, request: LiveFetchRequest): LiveObject | undefined {
    const id = resourceIdOf(object);
    if (!id || !request.resources.some((r) => versionlessKey(r.id) === versionlessKey(id))) return undefined;
    return { id, key: resourceKey(id), object };
  }

  private async fetchInventory(entries: ResourceId[], signal?: AbortSignal): Promise<{ objects: LiveObject[]; unreadable: UnreadableObject[] }> {
    const byKind = new Map<string, ResourceId[]>();
    for (const id of entries) {
      const key = `${id.namespace ?? ''}\n${id.apiVersion}\n${id.kind}`;
      const ids = byKind.get(key);
      if (ids) ids.push(id);
      else byKind.set(key, [id]);
    }
    const queue: ResourceId[][] = [];
    for (const ids of byKind.values()) {
      for (let i = 0; i < ids.length; i += MAX_NAMES_PER_CALL) queue.push(ids.slice(i, i + MAX_NAMES_PER_CALL));
    }
    const objects: LiveObject[] = [];
    const unreadable: UnreadableObject[] = [];
    const worker = async (): Promise<void> => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const result = await this.getBatch(batch, signal);
        objects.push(...result.objects);
        unreadable.push(...result.unreadable);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, queue.length) }, worker));
    const order = new Map(entries.map((id, i) => [resourceKey(id), i]));
    const position = (id: ResourceId): number => order.get(resourceKey(id)) ?? Number.MAX_SAFE_INTEGER;
    objects.sort((a, b) => position(a.id) - position(b.id));
    unreadable.sort((a, b) => position(a.id) - position(b.id));
    return { objects, unreadable };
  }

  /** One kind in one namespace. A failing kubectl still prints the objects it could read. */
  private async getBatch(ids: ResourceId[], signal?: AbortSignal): Promise<{ objects: LiveObject[]; unreadable: UnreadableObject[] }> {
    const { kubectlPath, kubeconfig, context, cwd, env, timeoutMs } = this.options;
    const namespace = ids[0].namespace;
    const label = `kubectl get ${ids[0].kind} (${ids.length} object${ids.length === 1 ? '' : 's'}${namespace ? `, namespace ${namespace}` : ''}${context ? `, context ${context}` : ''})`;
    // managedFields say what kustomize-controller applied: a field Git removed is drift while it owns it.
    const args = [...(namespace ? [`--namespace=${namespace}`] : []), 'get', '--output=json', '--show-managed-fields', '--ignore-not-found', '--', ...ids.map(kubectlTarget)];
    let result;
    try {
      result = await execKubectl(args, label, { kubectlPath, kubeconfig, context, cwd, env, signal, timeoutMs });
    } catch (e) {
      // A timeout or cancellation is the cluster's or the user's, not one resource's.
      throw e instanceof LiveStateError ? new LiveStateError('flux', e.message) : e;
    }
    const parsed: ParsedLiveObjects = result.stdout.trim() ? await parseLiveObjects(result.stdout, `output of ${label}`) : { objects: [] };
    if (parsed.error && !result.failure) throw new LiveStateError('flux', `kubectl printed invalid JSON: ${parsed.error}`);
    if (!result.failure) return { objects: parsed.objects, unreadable: [] };
    const got = new Set(parsed.objects.map((o) => versionlessKey(o.id)));
    const lines = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const unreadable = ids
      .filter((id) => !got.has(versionlessKey(id)))
      .map((id) => ({ id, key: resourceKey(id), message: `kubectl cannot get ${formatResourceId(id)}: ${unreadableReason(id, lines)}` }));
    return { objects: parsed.objects, unreadable };
  }
}

/** The stderr line about this object, else the kind-wide one (an unknown resource type, RBAC on the kind). */
function unreadableReason(id: ResourceId, lines: string[]): string {
  const own = lines.find((l) => l.includes(`"${id.name}"`));
  if (own) return own.replace(/^error: /, '');
  const unknownType = lines.find((l) => /the server doesn't have a resource type/.test(l));
  if (unknownType) return `${unknownType.replace(/^error: /, '')} (its CRD is not installed)`;
  return lines.slice(-2).join(' ') || 'kubectl failed without a message';
}

/** The object a `flux` live source names, from youops.yaml's `kustomization:` or `helmRelease:`. */
export function fluxObjectRef(source: { kind: FluxKind; name: string; namespace?: string }): FluxObjectRef {
  return { kind: source.kind, name: source.name, namespace: source.namespace || 'flux-system' };
}
