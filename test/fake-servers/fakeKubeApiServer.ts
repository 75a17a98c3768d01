import * as http from 'node:http';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FAKE_OPENAPI_V2 } from './fakeOpenApi';
import { listenOnLoopback, replyJson } from './httpServer';

/** One API resource the fake server serves (what discovery advertises). */
interface ApiResource {
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
}

export interface FakeKubeApiServer {
  url: string;
  /** Every request as `METHOD path?query`, in order. */
  requests: string[];
  /** Writes a kubeconfig pointing at this server; returns its path. */
  writeKubeconfig(dir: string, opts?: { context?: string; namespace?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server (127.0.0.1, random port) speaking just enough of the
 * Kubernetes API for a real kubectl: legacy discovery (`/api`, `/apis`, group
 * versions), `/openapi/v2`, GET of objects and lists, and 404 Status objects. Anything
 * else (watch, writes) gets a 404 or 405 Status, so an unexpected call shows up in
 * `requests` instead of hanging.
 */
export async function startFakeKubeApiServer(options: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
  const resources = [...BUILTIN_RESOURCES, ...(options.extraResources ?? [])];
  const objects = (options.objects ?? []) as Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }>;
  const requests: string[] = [];

  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const reply = (status: number, body: unknown): void => replyJson(res, status, body, options.delayMs);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') return reply(405, status(405, 'MethodNotAllowed', `${req.method} is not supported by the fake server`));
    const route = url.pathname === '/openapi/v2' ? ok(options.openapi ?? FAKE_OPENAPI_V2) : routeRequest(url.pathname, resources, objects);
    reply(route.status, route.body);
  });
  const listener = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${listener.port}`;

  return {
    url,
    requests,
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

function routeRequest(
  pathname: string,
  resources: ApiResource[],
  objects: Array<{ apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }>,
): { status: number; body: unknown } {
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

  // /api/v1/... or /apis/<group>/<version>/...
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

  if (rest.length === 0) {
    return ok({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: served.map((r) => ({
        name: r.plural,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ['get', 'list'],
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      })),
    });
  }

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = served.find((r) => r.plural === rest[0]);
  if (!resource || rest.length > 2) return notFound(`the server could not find the requested resource (${pathname})`);
  const matches = objects.filter(
    (o) => o.apiVersion === gv && o.kind === resource.kind && (!resource.namespaced || namespace === undefined || o.metadata.namespace === namespace),
  );
  if (rest.length === 1) {
    return ok({ kind: `${resource.kind}List`, apiVersion: gv, metadata: { resourceVersion: '1' }, items: matches });
  }
  const found = matches.find((o) => o.metadata.name === rest[1]);
  if (!found) {
    const what = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
    return { status: 404, body: { ...status(404, 'NotFound', `${what} "${rest[1]}" not found`), details: { name: rest[1], group: resource.group, kind: resource.plural } } };
  }
  return ok(found);
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
