import { apiGroup, type ResourceId } from '../manifests/resourceId';
import { parseLiveObjects } from './parseLiveObjects';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider } from './provider';
import { execKubectl } from './runKubectl';

/** Names per `kubectl get` call: keeps argv far below OS limits on big environments. */
const MAX_NAMES_PER_CALL = 200;

export interface KubectlProviderOptions {
  /** Program to run; default `kubectl` from PATH. */
  kubectlPath?: string;
  context?: string;
  /** Namespace for desired resources that name none; default: the context's. */
  namespace?: string;
  /** Absolute path, or relative to cwd; `~/` expands. Default: kubectl's own (KUBECONFIG, ~/.kube/config). */
  kubeconfig?: string;
  cwd: string;
  /** Per kubectl call. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Live state from the user's cluster through their own kubectl (kubeconfig, context,
 * credentials plugins). One short-lived `kubectl get <Kind.version.group>/<name>… -o json
 * --ignore-not-found` per namespace, so absent objects are simply not returned (Missing).
 * Only the desired objects are fetched, so the state is not complete: nothing is Extra.
 */
export class KubectlProvider implements LiveStateProvider {
  readonly name = 'kubectl';
  readonly targeted = true;

  constructor(private readonly options: KubectlProviderOptions) {}

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const batches = new Map<string, Set<string>>();
    for (const r of request.resources) {
      const ns = r.id.namespace ?? this.options.namespace ?? '';
      if (!batches.has(ns)) batches.set(ns, new Set());
      batches.get(ns)!.add(kubectlTarget(r.id));
    }
    const objects: LiveObject[] = [];
    // Sequential: a cluster is slow to answer many parallel discovery calls, and errors stay ordered.
    for (const [ns, targets] of batches) {
      const list = [...targets];
      for (let i = 0; i < list.length; i += MAX_NAMES_PER_CALL) {
        objects.push(...(await this.get(ns, list.slice(i, i + MAX_NAMES_PER_CALL), request.signal)));
      }
    }
    return { objects, complete: false, fetchedAt: new Date() };
  }

  /** Lists resources of a batch; a kind the server does not know (CRD not installed) makes its objects Missing. */
  private async get(namespace: string, targets: string[], signal?: AbortSignal): Promise<LiveObject[]> {
    let remaining = targets;
    while (remaining.length > 0) {
      const result = await this.run(namespace, remaining, signal);
      if (result.ok) return result.objects;
      const unknownType = /the server doesn't have a resource type "([^"]+)"/.exec(result.stderr)?.[1];
      const rest = unknownType ? remaining.filter((t) => targetType(t).toLowerCase() !== unknownType.toLowerCase()) : remaining;
      if (rest.length === remaining.length) throw new LiveStateError(this.name, result.message);
      remaining = rest;
    }
    return [];
  }

  private async run(
    namespace: string,
    targets: string[],
    signal?: AbortSignal,
  ): Promise<{ ok: true; objects: LiveObject[] } | { ok: false; stderr: string; message: string }> {
    const { context, kubeconfig, cwd, env, kubectlPath } = this.options;
    const where = [context && `context ${context}`, namespace && `namespace ${namespace}`].filter(Boolean).join(', ');
    const label = `kubectl get (${targets.length} object${targets.length === 1 ? '' : 's'}${where ? `, ${where}` : ''})`;
    // managedFields say who owns what (the agent, other controllers): drift needs them.
    const args = [...(namespace ? [`--namespace=${namespace}`] : []), 'get', '--output=json', '--show-managed-fields', '--ignore-not-found', '--', ...targets];
    const result = await execKubectl(args, label, { kubectlPath, kubeconfig, context, cwd, env, signal, timeoutMs: this.options.timeoutMs });
    if (result.failure) return { ok: false, stderr: result.stderr, message: result.failure };
    const parsed = await parseLiveObjects(result.stdout, `output of ${label}`);
    if (parsed.error) throw new LiveStateError(this.name, `kubectl printed invalid JSON: ${parsed.error}`);
    return { ok: true, objects: parsed.objects };
  }
}

/** `Deployment.v1.apps/web`, `ConfigMap/cfg`: fully qualified so CRDs with common kind names are unambiguous. */
export function kubectlTarget(id: ResourceId): string {
  const group = apiGroup(id.apiVersion);
  const version = id.apiVersion.slice(group ? group.length + 1 : 0);
  return group && version ? `${id.kind}.${version}.${group}/${id.name}` : `${id.kind}/${id.name}`;
}

function targetType(target: string): string {
  return target.slice(0, target.indexOf('/')).split('.')[0];
}
