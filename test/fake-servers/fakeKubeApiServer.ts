import * as http from 'node:http';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FAKE_OPENAPI_V2 } from './fakeOpenApi';
import { listenOnLoopback, replyJson } from './httpServer';

/** One API resource the fake server serves (what discovery advertises). */
export interface ApiResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
}

/** Enough built-in kinds for the demo manifests; tests add CRDs through `extraResources`. */
const BUILTIN_RESOURCES: ApiResource[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'] },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'] },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'] },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'] },
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'] },
];

export interface FakeKubeApiServerOptions {
  /** Objects the "cluster" holds (apiVersion, kind, metadata.name/namespace required). */
  objects?: unknown[];
  extraResources?: ApiResource[];
  /** Delay every response, to exercise client timeouts. */
  delayMs?: number;
  /** What `/openapi/v2` answers; default a small document with one built-in and one CRD kind. */
  openapi?: unknown;
  /** Plurals (e.g. `secrets`) whose GETs are answered 403 Forbidden, as RBAC would. */
  forbidden?: string[];
  /**
   * Called after every accepted write (PATCH) with the stored object, which the hook may
   * change later (as a controller updates status); see fakeFluxController.
   */
  onWrite?: (object: StoredObject) => void;
}

/** An object as the fake cluster stores it; writes change it in place. */
export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; generation?: number; resourceVersion?: string; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface FakeKubeApiServer {
  url: string;
  /** Every request as `METHOD path?query`, in order. */
  requests: string[];
  /** Bodies of the PATCH requests with their content type, in order. */
  patches: Array<{ path: string; contentType: string; body: unknown }>;
  /** The stored object of that kind/name (live: writes and status updates show here). */
  object(kind: string, name: string, namespace?: string): StoredObject | undefined;
  /** Writes a kubeconfig pointing at this server; returns its path. */
  writeKubeconfig(dir: string, opts?: { context?: string; namespace?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server (127.0.0.1, random port) speaking just enough of the
 * Kubernetes API for a real kubectl: legacy discovery (`/api`, `/apis`, group
 * versions), `/openapi/v2`, GET of objects and lists, JSON merge-patch writes (what
 * `kubectl annotate` and `kubectl patch --type=merge` send), 403/404 Status objects.
 * Anything else (watch, other writes) gets a 404, 405 or 415 Status, so an unexpected
 * call shows up in `requests` instead of hanging.
 */
export async function startFakeKubeApiServer(options: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
  const resources = [...BUILTIN_RESOURCES, ...(options.extraResources ?? [])];
  // Copies: writes change the stored objects, never the test's own.
  const objects = structuredClone(options.objects ?? []) as StoredObject[];
  for (const o of objects) {
    o.metadata.generation ??= 1;
    o.metadata.resourceVersion ??= '1';
  }
  const requests: string[] = [];
  const patches: FakeKubeApiServer['patches'] = [];
  let resourceVersion = 1;

  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const reply = (status: number, body: unknown): void => replyJson(res, status, body, options.delayMs);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'PATCH') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const contentType = String(req.headers['content-type'] ?? '');
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reply(400, status(400, 'BadRequest', 'the patch is not valid JSON'));
        }
        patches.push({ path: url.pathname, contentType, body });
        const route = patchRequest(url.pathname, contentType, body, resources, objects, () => String(++resourceVersion));
        if (route.status === 200) options.onWrite?.(route.body as StoredObject);
        reply(route.status, route.body);
      });
      return;
    }
    if (req.method !== 'GET') return reply(405, status(405, 'MethodNotAllowed', `${req.method} is not supported by the fake server`));
    const route = url.pathname === '/openapi/v2' ? ok(options.openapi ?? FAKE_OPENAPI_V2) : routeRequest(url.pathname, resources, objects, options.forbidden ?? []);
    reply(route.status, route.body);
  });
  const listener = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${listener.port}`;

  return {
    url,
    requests,
    patches,
    object: (kind, name, namespace) => objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace)),
    async writeKubeconfig(dir, opts = {}) {
      const context = opts.context ?? 'fake';
      const file = path.join(dir, 'kubeconfig');
      const ns = opts.namespace ? `\n      namespace: ${opts.namespace}` : '';
      await fs.writeFile(
        file,
        `apiVersion: v1
kind: Config
clusters:
  - name: fake
    cluster:
      server: ${url}
contexts:
  - name: ${context}
    context:
      cluster: fake
      user: fake${ns}
current-context: ${context}
users:
  - name: fake
    user:
      token: fake-token
`,
      );
      return file;
    },
    close: listener.close,
  };
}

function routeRequest(pathname: string, resources: ApiResource[], objects: StoredObject[], forbidden: string[]): { status: number; body: unknown } {
  const groups = [...new Set(resources.filter((r) => r.group !== '').map((r) => `${r.group}/${r.version}`))];
  if (pathname === '/api') return ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (pathname === '/apis') {
    return ok({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((gv) => {
        const [group, version] = gv.split('/');
        const v = { groupVersion: gv, version };
        return { name: group, versions: [v], preferredVersion: v };
      }),
    });
  }
  if (pathname === '/version') return ok({ major: '1', minor: '32', gitVersion: 'v1.32.0-fake', platform: 'linux/amd64' });

  const target = resolvePath(pathname, resources);
  if ('status' in target) return target;
  const { gv, served, resource, namespace, name } = target;
  if (!resource) {
    return ok({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: served.map((r) => ({
        name: r.plural,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ['get', 'list', 'patch', 'update'],
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      })),
    });
  }
  if (forbidden.includes(resource.plural)) {
    const what = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
    const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    return { status: 403, body: status(403, 'Forbidden', `${what}${name ? ` "${name}"` : ''} is forbidden: User "fake" cannot get resource "${resource.plural}" in API group "${resource.group}" ${scope}`) };
  }
  const matches = objects.filter((o) => o.apiVersion === gv && o.kind === resource.kind && (!resource.namespaced || namespace === undefined || o.metadata.namespace === namespace));
  if (name === undefined) {
    return ok({ kind: `${resource.kind}List`, apiVersion: gv, metadata: { resourceVersion: '1' }, items: matches });
  }
  const found = matches.find((o) => o.metadata.name === name);
  return found ? ok(found) : objectNotFound(resource, name);
}

/**
 * A JSON merge patch (RFC 7386, what `kubectl annotate` and `kubectl patch --type=merge`
 * send) applied to the stored object. A changed spec bumps metadata.generation, as the API
 * server does for custom resources; other patch types get 415 like a CRD gets for
 * strategic merge patches.
 */
function patchRequest(
  pathname: string,
  contentType: string,
  patch: unknown,
  resources: ApiResource[],
  objects: StoredObject[],
  nextVersion: () => string,
): { status: number; body: unknown } {
  const target = resolvePath(pathname, resources);
  if ('status' in target) return target;
  const { gv, resource, namespace, name } = target;
  if (!resource || name === undefined) return { status: 405, body: status(405, 'MethodNotAllowed', 'PATCH needs an object path') };
  if (!contentType.startsWith('application/merge-patch+json')) {
    return { status: 415, body: status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json (got ${contentType})`) };
  }
  const found = objects.find((o) => o.apiVersion === gv && o.kind === resource.kind && o.metadata.name === name && (!resource.namespaced || o.metadata.namespace === namespace));
  if (!found) return objectNotFound(resource, name);
  const specBefore = JSON.stringify(found.spec ?? {});
  const merged = mergePatch(found, patch) as StoredObject;
  for (const key of Object.keys(found)) delete found[key];
  Object.assign(found, merged);
  if (JSON.stringify(found.spec ?? {}) !== specBefore) found.metadata.generation = (found.metadata.generation ?? 1) + 1;
  found.metadata.resourceVersion = nextVersion();
  return ok(found);
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** /api/v1/... or /apis/<group>/<version>/... → what it names, or a 404 Status. */
function resolvePath(
  pathname: string,
  resources: ApiResource[],
): { gv: string; served: ApiResource[]; resource?: ApiResource; namespace?: string; name?: string } | { status: number; body: unknown } {
  const parts = pathname.split('/').filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return notFound(`the server could not find the requested resource (${pathname})`);
  const gv = group ? `${group}/${version}` : version;
  const served = resources.filter((r) => r.group === group && r.version === version);
  if (served.length === 0) return notFound(`the server could not find the requested resource (${pathname})`);
  if (rest.length === 0) return { gv, served };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = served.find((r) => r.plural === rest[0]);
  if (!resource || rest.length > 2) return notFound(`the server could not find the requested resource (${pathname})`);
  return { gv, served, resource, namespace, name: rest[1] };
}

function objectNotFound(resource: ApiResource, name: string): { status: number; body: unknown } {
  const what = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  return { status: 404, body: { ...status(404, 'NotFound', `${what} "${name}" not found`), details: { name, group: resource.group, kind: resource.plural } } };
}

function ok(body: unknown): { status: number; body: unknown } {
  return { status: 200, body };
}

function notFound(message: string): { status: number; body: unknown } {
  return { status: 404, body: status(404, 'NotFound', message) };
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
