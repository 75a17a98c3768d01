import { ArgoCdAppClient, type ArgoCdAppOptions } from '../argocd/argoCdClient';
import { argoDeployedRevision, readArgoAppStatus } from '../argocd/argoCdAppStatus';
import { isRecord, resourceIdOf, resourceKey } from '../manifests/resourceId';
import type { DeployedRevision } from '../revision/deployedRevision';
import { maskedSecretPaths } from './argocdMaskedSecrets';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider } from './provider';

export { DEFAULT_ARGOCD_TIMEOUT_MS } from '../argocd/argoCdClient';

export type ArgoCdProviderOptions = ArgoCdAppOptions;

/**
 * Live state as Argo CD sees it: `GET /api/v1/applications/{app}` for sync, health, the
 * synced revision and the last operation, `GET /api/v1/applications/{app}/managed-resources`
 * for each object's live state.
 * Complete: Argo CD lists every object it tracks for the app, so tracked objects
 * absent from the manifests (e.g. awaiting prune) are Extra. Masked Secret values are
 * marked hidden (see argocdMaskedSecrets); Argo CD's targetState (its Helm/Kustomize
 * rendering) rides along as LiveObject.target for display, while drift stays against
 * the manifests in the workspace.
 */
export class ArgoCdProvider implements LiveStateProvider {
  readonly name = 'argocd';
  private readonly client: ArgoCdAppClient;

  constructor(private readonly options: ArgoCdProviderOptions) {
    this.client = new ArgoCdAppClient(options);
  }

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const auth = { token: await this.client.token() };
    // Both in parallel: one round trip of latency instead of two.
    const [app, managed] = await Promise.all([this.client.application(request.signal, auth), this.client.managedResources(request.signal, auth)]);

    const objects: LiveObject[] = [];
    const desired: unknown[] = [];
    const items = isRecord(managed) && Array.isArray(managed.items) ? managed.items : undefined;
    if (!items) throw new LiveStateError(this.name, `Argo CD at ${this.client.base} returned managed resources without "items"`);
    for (const item of items) {
      if (!isRecord(item)) continue;
      const target = typeof item.targetState === 'string' ? this.parseState(item, 'targetState') : null;
      if (resourceIdOf(target)) desired.push(target); // "null" = live only: awaiting prune
      if (typeof item.liveState !== 'string') continue;
      const object = this.parseState(item, 'liveState');
      const id = resourceIdOf(object); // "null" = tracked but absent live: Missing
      if (!id) continue;
      const hiddenPaths = maskedSecretPaths(object);
      objects.push({ id, key: resourceKey(id), object, ...(hiddenPaths.length ? { hiddenPaths } : {}), ...(target !== null ? { target } : {}) });
    }
    const agent = readArgoAppStatus(app, this.options.app, this.options.appNamespace);
    const revision = argoDeployedRevision(app, this.client.appLabel());
    return { objects, complete: true, fetchedAt: new Date(), summary: { sync: agent.sync, health: agent.health }, desired, agent, ...(revision ? { revision } : {}) };
  }

  async deployedRevision(signal?: AbortSignal): Promise<DeployedRevision | undefined> {
    return argoDeployedRevision(await this.client.application(signal), this.client.appLabel());
  }

  /** Argo CD sends each state as a JSON string, `"null"` when absent on that side. */
  private parseState(item: Record<string, unknown>, field: 'liveState' | 'targetState'): unknown {
    try {
      return JSON.parse(item[field] as string);
    } catch {
      throw new LiveStateError(this.name, `Argo CD returned invalid ${field} JSON for ${String(item.kind)} ${String(item.name)}`);
    }
  }
}
