import * as http from 'node:http';
import * as https from 'node:https';
import { listenOnLoopback, replyJson } from './httpServer';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './selfSignedCert';

export interface FakeArgoApp {
  name: string;
  /** Namespace of the Application; default `argocd` (Argo CD's own), as served without `?appNamespace=`. */
  namespace?: string;
  sync?: string;
  health?: string;
  /** `status.sync.revision`; default a fixed 40-hex commit. */
  revision?: string;
  /** `spec.source.targetRevision`; default HEAD. */
  targetRevision?: string;
  /** `spec.source.chart`: a Helm repository source, whose revision is a chart version. */
  chart?: string;
  /** `status.operationState` as it stands before any sync. */
  operationState?: Record<string, unknown>;
  /** How a `POST …/sync` ends: Running for `delayMs`, then this phase (default Succeeded at `revision`). */
  syncOutcome?: { phase: 'Succeeded' | 'Failed' | 'Error'; message?: string; revision?: string; delayMs?: number } | 'never';
  /** Managed resources: live and target objects (null = absent on that side). */
  resources: Array<{ live: unknown; target?: unknown; group?: string; kind?: string; namespace?: string; name?: string }>;
}

export interface FakeArgoCdServerOptions {
  apps: FakeArgoApp[];
  /** Accepted bearer token; requests without it get 401 like Argo CD's. Undefined = anonymous access. */
  token?: string;
  /** Serve HTTPS with a self-signed certificate. */
  tls?: boolean;
  /** Delay every response, to exercise client timeouts. */
  delayMs?: number;
  /** Answer every API call with this HTTP status and a gRPC-gateway error body. */
  failWith?: number;
}

export interface FakeArgoCdServer {
  url: string;
  /** Path, method, Authorization header and (POST) JSON body of each request. */
  requests: Array<{ path: string; method: string; authorization?: string; body?: unknown }>;
  close(): Promise<void>;
}

/** The fake's default `status.sync.revision`: a commit, as Argo CD reports for Git sources. */
export const FAKE_ARGO_REVISION = 'abc1230000000000000000000000000000000def';

/**
 * A loopback server (127.0.0.1, random port) speaking the Argo CD REST calls YouOps
 * makes: `GET /api/v1/applications/{app}` and `.../managed-resources` (both with an
 * optional `?appNamespace=`), with Argo CD's shapes (liveState/targetState as JSON
 * strings, `"null"` when absent) and errors, and Secret values masked as Argo CD masks them;
 * and `POST .../sync`, which starts an operation (`status.operationState` Running, then
 * Succeeded/Failed/Error) and answers 400 FailedPrecondition while one runs, as Argo CD does.
 */
export async function startFakeArgoCdServer(options: FakeArgoCdServerOptions): Promise<FakeArgoCdServer> {
  const requests: FakeArgoCdServer['requests'] = [];
  const state = new Map(options.apps.map((a) => [a, { revision: a.revision ?? FAKE_ARGO_REVISION, sync: a.sync ?? 'Synced', operationState: a.operationState }]));
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined));
  };
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, text: string | undefined): void => {
    let body: unknown;
    try {
      body = text === undefined ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    requests.push({ path: req.url ?? '', method: req.method ?? 'GET', authorization: req.headers.authorization, ...(body !== undefined ? { body } : {}) });
    const reply = (status: number, body: unknown): void => replyJson(res, status, body, options.delayMs);
    if (options.failWith) return reply(options.failWith, { error: 'injected failure', code: 13, message: 'injected failure' });
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      return reply(401, { error: 'invalid session: token has invalid claims: token is expired', code: 16, message: 'invalid session: token has invalid claims: token is expired' });
    }
    const match = /^\/api\/v1\/applications\/([^/?]+)(\/managed-resources|\/sync)?(?:\?.*)?$/.exec(req.url ?? '');
    // Apps in any namespace: `?appNamespace=` selects one; without it Argo CD looks in its own.
    const appNamespace = new URL(req.url ?? '/', 'http://x').searchParams.get('appNamespace') || 'argocd';
    const app = match && options.apps.find((a) => a.name === decodeURIComponent(match[1]) && (a.namespace ?? 'argocd') === appNamespace);
    // Argo CD answers 403 for apps that do not exist, so callers cannot probe names.
    if (!app) return reply(403, { error: 'permission denied', code: 7, message: 'permission denied' });
    const current = state.get(app)!;
    if ((match[2] === '/sync') !== (req.method === 'POST')) return reply(405, { error: 'method not allowed', code: 12, message: `${req.method} ${match[2] ?? ''} is not supported` });
    if (match[2] === '/sync') {
      if (current.operationState?.phase === 'Running') return reply(400, { error: 'another operation is already in progress', code: 9, message: 'another operation is already in progress' });
      const outcome = app.syncOutcome ?? { phase: 'Succeeded' as const };
      const startedAt = new Date().toISOString();
      current.operationState = { phase: 'Running', message: 'one or more tasks are running', startedAt, operation: { sync: { revision: current.revision } } };
      if (outcome !== 'never') {
        setTimeout(() => {
          const revision = outcome.revision ?? current.revision;
          current.operationState = {
            phase: outcome.phase,
            message: outcome.message ?? (outcome.phase === 'Succeeded' ? 'successfully synced (all tasks run)' : 'one or more objects failed to apply'),
            startedAt,
            finishedAt: new Date().toISOString(),
            operation: { sync: { revision } },
            syncResult: { revision },
          };
          if (outcome.phase === 'Succeeded') Object.assign(current, { revision, sync: 'Synced' });
        }, outcome.delayMs ?? 50);
      }
      return reply(200, application(app, current));
    }
    if (match[2]) {
      return reply(200, {
        items: app.resources.map((resource) => {
          const r = { ...resource, ...hideSecretData(resource.target, resource.live) };
          const meta = (obj: unknown): Record<string, string> => ((obj as { metadata?: Record<string, string> } | null)?.metadata ?? {});
          const source = r.live ?? r.target;
          const apiVersion = (source as { apiVersion?: string } | null)?.apiVersion ?? '';
          return {
            group: r.group ?? (apiVersion.includes('/') ? apiVersion.split('/')[0] : ''),
            version: apiVersion.split('/').pop(),
            kind: r.kind ?? (source as { kind?: string } | null)?.kind,
            namespace: r.namespace ?? meta(source).namespace,
            name: r.name ?? meta(source).name,
            liveState: JSON.stringify(r.live ?? null),
            targetState: JSON.stringify(r.target ?? null),
          };
        }),
      });
    }
    return reply(200, application(app, current));
  };
  const server = options.tls ? https.createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, handler) : http.createServer(handler);
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close,
  };
}

/** The Application as `GET /api/v1/applications/{app}` returns it. */
function application(app: FakeArgoApp, current: { revision: string; sync: string; operationState?: Record<string, unknown> }): unknown {
  return {
    metadata: { name: app.name, namespace: app.namespace ?? 'argocd' },
    spec: { project: 'default', source: { repoURL: 'https://github.com/acme/fleet', targetRevision: app.targetRevision ?? 'HEAD', ...(app.chart ? { chart: app.chart } : { path: `envs/${app.name}` }) } },
    status: {
      sync: { status: current.sync, revision: current.revision, comparedTo: { source: { repoURL: 'https://github.com/acme/fleet', targetRevision: app.targetRevision ?? 'HEAD' } } },
      health: { status: app.health ?? 'Healthy' },
      ...(current.operationState ? { operationState: current.operationState } : {}),
    },
  };
}

/**
 * Argo CD's HideSecretData (gitops-engine pkg/diff): Secrets get stringData folded into
 * data, then every data value replaced by a run of `+` — 8 for the first distinct value of
 * a key, 12 for the next… — so target and live share a mask exactly when their values agree.
 */
function hideSecretData(target: unknown, live: unknown): { target: unknown; live: unknown } {
  const secrets = [target, live].map((o) => {
    const obj = o as { kind?: string; data?: Record<string, string>; stringData?: Record<string, string> } | null | undefined;
    if (obj?.kind !== 'Secret') return undefined;
    const data: Record<string, string> = { ...obj.data };
    for (const [k, v] of Object.entries(obj.stringData ?? {})) data[k] = Buffer.from(v).toString('base64');
    const { stringData: _folded, ...rest } = obj;
    return { ...rest, data };
  });
  if (!secrets.some(Boolean)) return { target, live };
  const keys = new Set(secrets.flatMap((s) => Object.keys(s?.data ?? {})));
  for (const key of keys) {
    const masks = new Map<string, string>();
    for (const s of secrets) {
      if (!s || !(key in s.data)) continue;
      const value = s.data[key];
      if (!masks.has(value)) masks.set(value, '+'.repeat(8 + 4 * masks.size));
      s.data[key] = masks.get(value)!;
    }
  }
  return { target: secrets[0] ?? target, live: secrets[1] ?? live };
}
