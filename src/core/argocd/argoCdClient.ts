import { isRecord } from '../manifests/resourceId';
import { HttpTransportError, httpGetJson, type HttpResponse } from '../live/httpGetJson';
import { LiveStateError } from '../live/provider';
import { redactSecrets } from '../text/redact';

export const DEFAULT_ARGOCD_TIMEOUT_MS = 30_000;

export interface ArgoCdAppOptions {
  /** `https://argocd.example.com` (a bare host means https), optionally with a path prefix. */
  server: string;
  app: string;
  /** Namespace of the Application resource when it is not Argo CD's own ("apps in any namespace"). */
  appNamespace?: string;
  insecure?: boolean;
  /** Bearer token; asked for on every request so a renewed token is picked up. */
  getToken?: () => Promise<string | undefined>;
  timeoutMs?: number;
}

/** A token asked for once and used for several requests; `token` undefined means none is set. */
export interface ArgoCdAuth {
  token: string | undefined;
}

/**
 * One Argo CD application through the Argo CD REST API: the application, its managed
 * resources, and a sync. Errors become LiveStateErrors that say what to do (token missing,
 * rejected, app not found, server unreachable), with Argo CD's own message.
 */
export class ArgoCdAppClient {
  readonly base: string;

  constructor(private readonly options: ArgoCdAppOptions) {
    const server = options.server.trim().replace(/\/+$/, '');
    this.base = /^https?:\/\//i.test(server) ? server : `https://${server}`;
    try {
      new URL(this.base);
    } catch {
      throw new LiveStateError('argocd', `Argo CD server "${options.server}" is not a valid URL`);
    }
    if (!options.app) throw new LiveStateError('argocd', 'argocd live source names no app');
  }

  /** The token for the next requests; ask once per logical operation (it may prompt or read SecretStorage). */
  token(): Promise<string | undefined> {
    return this.options.getToken?.() ?? Promise.resolve(undefined);
  }

  /** `GET /api/v1/applications/{app}`. `auth`: a token already asked for (possibly none); else asked now. */
  async application(signal?: AbortSignal, auth?: ArgoCdAuth): Promise<unknown> {
    return this.call('GET', '', undefined, auth ? auth.token : await this.token(), signal);
  }

  /** `GET /api/v1/applications/{app}/managed-resources`. */
  async managedResources(signal?: AbortSignal, auth?: ArgoCdAuth): Promise<unknown> {
    return this.call('GET', '/managed-resources', undefined, auth ? auth.token : await this.token(), signal);
  }

  /** `POST /api/v1/applications/{app}/sync` (ApplicationSyncRequest); answers the application. */
  async sync(request: Record<string, unknown>, signal?: AbortSignal, auth?: ArgoCdAuth): Promise<unknown> {
    const body = { name: this.options.app, ...(this.options.appNamespace ? { appNamespace: this.options.appNamespace } : {}), ...request };
    return this.call('POST', '/sync', body, auth ? auth.token : await this.token(), signal);
  }

  /** `ns/app` when appNamespace is set, as Argo CD writes qualified app names. */
  appLabel(): string {
    return this.options.appNamespace ? `${this.options.appNamespace}/${this.options.app}` : this.options.app;
  }

  private async call(method: 'GET' | 'POST', suffix: string, body: unknown, token: string | undefined, signal?: AbortSignal): Promise<unknown> {
    // Without it Argo CD looks in its own namespace only: the same app name may exist in several.
    const query = this.options.appNamespace ? `?appNamespace=${encodeURIComponent(this.options.appNamespace)}` : '';
    const apiPath = `/api/v1/applications/${encodeURIComponent(this.options.app)}${suffix}${query}`;
    const where = `Argo CD at ${this.base}`;
    let res: HttpResponse;
    try {
      res = await httpGetJson({
        url: this.base + apiPath,
        method,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        timeoutMs: this.options.timeoutMs ?? DEFAULT_ARGOCD_TIMEOUT_MS,
        insecure: this.options.insecure,
        signal,
      });
    } catch (e) {
      if (e instanceof HttpTransportError) {
        const verb = e.reason === 'timeout' ? 'did not answer' : e.reason === 'cancelled' ? 'request cancelled' : 'is unreachable';
        throw new LiveStateError('argocd', `${where} ${verb}: ${e.message}`);
      }
      throw e;
    }
    if (res.status === 401 || res.status === 403) {
      // Argo CD answers 403 for unknown apps too, so as not to reveal which exist.
      const detail = serverMessage(res, token);
      throw new LiveStateError(
        'argocd',
        token
          ? `${where} rejected the token (HTTP ${res.status}): token expired or invalid, or it has no access to app "${this.appLabel()}"${detail ? ` — ${detail}` : ''}`
          : `${where} needs a token (HTTP ${res.status}): none is set`,
      );
    }
    if (res.status === 404) throw new LiveStateError('argocd', `${where}: application "${this.appLabel()}" not found`);
    if (res.status < 200 || res.status >= 300) {
      const detail = serverMessage(res, token);
      throw new LiveStateError('argocd', `${where} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    if (res.json === undefined) throw new LiveStateError('argocd', `${where} did not return JSON (is "server" the Argo CD API URL?)`);
    return res.json;
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
