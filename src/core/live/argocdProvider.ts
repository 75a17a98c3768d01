import { redactSecrets } from '../text/redact';
import { isRecord, resourceIdOf, resourceKey } from '../manifests/resourceId';
import { maskedSecretPaths } from './argocdMaskedSecrets';
import { HttpTransportError, httpGetJson, type HttpResponse } from './httpGetJson';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider } from './provider';

export const DEFAULT_ARGOCD_TIMEOUT_MS = 30_000;

export interface ArgoCdProviderOptions {
  /** `https://argocd.example.com` (a bare host means https), optionally with a path prefix. */
  server: string;
  app: string;
  /** Namespace of the Application resource when it is not Argo CD's own ("apps in any namespace"). */
  appNamespace?: string;
  insecure?: boolean;
  /** Bearer token; asked for on every fetch so a renewed token is picked up. */
  getToken?: () => Promise<string | undefined>;
  timeoutMs?: number;
}

/**
 * Live state as Argo CD sees it: `GET /api/v1/applications/{app}` for sync and health,
 * `GET /api/v1/applications/{app}/managed-resources` for each object's live state.
 * Complete: Argo CD lists every object it tracks for the app, so tracked objects
 * absent from the manifests (e.g. awaiting prune) are Extra. Masked Secret values are
 * marked hidden (see argocdMaskedSecrets); Argo CD's targetState (its Helm/Kustomize
 * rendering) rides along as LiveObject.target for display, while drift stays against
 * the manifests in the workspace.
 */
export class ArgoCdProvider implements LiveStateProvider {
  readonly name = 'argocd';
  private readonly base: string;

  constructor(private readonly options: ArgoCdProviderOptions) {
    const server = options.server.trim().replace(/\/+$/, '');
    this.base = /^https?:\/\//i.test(server) ? server : `https://${server}`;
    try {
      new URL(this.base);
    } catch {
      throw new LiveStateError(this.name, `Argo CD server "${options.server}" is not a valid URL`);
    }
    if (!options.app) throw new LiveStateError(this.name, 'argocd live source names no app');
  }

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const token = await this.options.getToken?.();
    const appPath = `/api/v1/applications/${encodeURIComponent(this.options.app)}`;
    // Without it Argo CD looks in its own namespace only: the same app name may exist in several.
    const query = this.options.appNamespace ? `?appNamespace=${encodeURIComponent(this.options.appNamespace)}` : '';
    // Both in parallel: one round trip of latency instead of two.
    const [app, managed] = await Promise.all([this.get(appPath + query, token, request.signal), this.get(`${appPath}/managed-resources${query}`, token, request.signal)]);

    const objects: LiveObject[] = [];
    const desired: unknown[] = [];
    const items = isRecord(managed) && Array.isArray(managed.items) ? managed.items : undefined;
    if (!items) throw new LiveStateError(this.name, `Argo CD at ${this.base} returned managed resources without "items"`);
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
    const status = isRecord(app) && isRecord(app.status) ? app.status : {};
    const sync = isRecord(status.sync) && typeof status.sync.status === 'string' ? status.sync.status : undefined;
    const health = isRecord(status.health) && typeof status.health.status === 'string' ? status.health.status : undefined;
    return { objects, complete: true, fetchedAt: new Date(), summary: { sync, health }, desired };
  }

  /** Argo CD sends each state as a JSON string, `"null"` when absent on that side. */
  private parseState(item: Record<string, unknown>, field: 'liveState' | 'targetState'): unknown {
    try {
      return JSON.parse(item[field] as string);
    } catch {
      throw new LiveStateError(this.name, `Argo CD returned invalid ${field} JSON for ${String(item.kind)} ${String(item.name)}`);
    }
  }

  private async get(apiPath: string, token: string | undefined, signal?: AbortSignal): Promise<unknown> {
    const where = `Argo CD at ${this.base}`;
    let res: HttpResponse;
    try {
      res = await httpGetJson({
        url: this.base + apiPath,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        timeoutMs: this.options.timeoutMs ?? DEFAULT_ARGOCD_TIMEOUT_MS,
        insecure: this.options.insecure,
        signal,
      });
    } catch (e) {
      if (e instanceof HttpTransportError) {
        const verb = e.reason === 'timeout' ? 'did not answer' : e.reason === 'cancelled' ? 'request cancelled' : 'is unreachable';
        throw new LiveStateError(this.name, `${where} ${verb}: ${e.message}`);
      }
      throw e;
    }
    if (res.status === 401 || res.status === 403) {
      // Argo CD answers 403 for unknown apps too, so as not to reveal which exist.
      const detail = serverMessage(res, token);
      throw new LiveStateError(
        this.name,
        token
          ? `${where} rejected the token (HTTP ${res.status}): token expired or invalid, or it has no access to app "${this.appLabel()}"${detail ? ` — ${detail}` : ''}`
          : `${where} needs a token (HTTP ${res.status}): none is set`,
      );
    }
    if (res.status === 404) throw new LiveStateError(this.name, `${where}: application "${this.appLabel()}" not found`);
    if (res.status < 200 || res.status >= 300) {
      const detail = serverMessage(res, token);
      throw new LiveStateError(this.name, `${where} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    if (res.json === undefined) throw new LiveStateError(this.name, `${where} did not return JSON (is "server" the Argo CD API URL?)`);
    return res.json;
  }

  /** `ns/app` when appNamespace is set, as Argo CD writes qualified app names. */
  private appLabel(): string {
    return this.options.appNamespace ? `${this.options.appNamespace}/${this.options.app}` : this.options.app;
  }
}

/** Argo CD errors are gRPC-gateway JSON: `{"error": "...", "message": "...", "code": 16}`. */
function serverMessage(res: HttpResponse, token: string | undefined): string {
  if (isRecord(res.json)) {
    const m = res.json.message ?? res.json.error;
    if (typeof m === 'string') return redactSecrets(m, [token]).slice(0, 300);
  }
  return redactSecrets(res.text.trim(), [token]).slice(0, 200);
}
