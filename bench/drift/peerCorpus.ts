import { stringify } from 'yaml';
import { computeEnvironmentDrift, type DriftRules } from '../../src/core/drift/environmentDrift';
import type { ResourceStatus } from '../../src/core/drift/resourceStatus';
import { parseLiveObjects } from '../../src/core/live/parseLiveObjects';
import { parseManifestText } from '../../src/core/manifests/parseManifestText';

/**
 * Desired/live pairs with the verdict the agents reach, for the unit tests and the bench's
 * agreement line. Two groups:
 * - `peer`: scenarios of the peers' own diff test suites (Argo CD gitops-engine `pkg/diff`,
 *   Argo CD `util/argo/diff`, Flux `ssa` and `ssa/jsondiff`), rebuilt here as objects and
 *   named after the test they come from;
 * - `cluster`: what `kubectl get -o yaml` returns for real objects (server defaults, status,
 *   managedFields, last-applied-configuration, injected sidecars), with the verdict Argo CD
 *   (managedFields-aware) and `kubectl diff` reach.
 * Where the peers disagree the case follows Argo CD and says so in `note`.
 */
export interface PeerCase {
  group: 'peer' | 'cluster';
  /** Repository, file and test the scenario comes from (or the kubectl shape it reproduces). */
  source: string;
  name: string;
  /** YAML text read as kubectl reads it, or objects. */
  desired: string | object;
  /** undefined: nothing live. */
  live?: string | object;
  rules?: Partial<DriftRules>;
  expect: ResourceStatus;
  /** When given, exactly these pointers drift. */
  paths?: string[];
  note?: string;
}

export interface CaseResult {
  status: ResourceStatus;
  paths: string[];
  agrees: boolean;
}

/** Runs one case through the real pipeline: manifest reader, live reader, drift engine. */
export async function evaluatePeerCase(c: PeerCase): Promise<CaseResult> {
  const desired = parseManifestText(typeof c.desired === 'string' ? c.desired : stringify(c.desired), '/corpus/desired.yaml');
  if (desired.resources.length !== 1) throw new Error(`${c.name}: desired must be one resource (${desired.errors.map((e) => e.message).join('; ')})`);
  const live = c.live === undefined ? { objects: [] } : await parseLiveObjects(typeof c.live === 'string' ? c.live : JSON.stringify(c.live), 'live');
  if ('error' in live && live.error) throw new Error(`${c.name}: ${live.error}`);
  const drift = computeEnvironmentDrift(desired.resources, { objects: live.objects, complete: false, fetchedAt: new Date(0) }, { ignore: [], ...c.rules });
  const r = drift.resources[0];
  const paths = r.fields.map((f) => f.path);
  const agrees = r.status === c.expect && (c.paths === undefined || JSON.stringify([...paths].sort()) === JSON.stringify([...c.paths].sort()));
  return { status: r.status, paths, agrees };
}

// ---------------------------------------------------------------------------------------------
// Builders: objects as Git holds them, and as the API server returns them.

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** gitops-engine's newDeployment(): demo, kuard image, port 80. */
function demoDeployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demo', namespace: 'test' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'demo' } },
      template: { metadata: { labels: { app: 'demo' } }, spec: { containers: [{ name: 'demo', image: 'gcr.io/kuar-demo/kuard-amd64:1', ports: [{ containerPort: 80 }] }] } },
    },
  };
}

/** Flux ssa/jsondiff testdata/deployment.yaml (podinfo). */
function podinfo(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'flux-test', annotations: { 'kubernetes.io/ingress.class': 'nginx-internal' }, labels: { app: 'podinfo' } },
    spec: {
      minReadySeconds: 3,
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 60,
      strategy: { rollingUpdate: { maxUnavailable: 0 }, type: 'RollingUpdate' },
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9797' }, labels: { app: 'podinfo' } },
        spec: {
          containers: [
            {
              name: 'podinfod',
              image: 'ghcr.io/stefanprodan/podinfo:6.0.3',
              imagePullPolicy: 'IfNotPresent',
              ports: [
                { name: 'http', containerPort: 9898, protocol: 'TCP' },
                { name: 'http-metrics', containerPort: 9797, protocol: 'TCP' },
                { name: 'grpc', containerPort: 9999, protocol: 'TCP' },
              ],
              command: ['./podinfo', '--port=9898', '--port-metrics=9797', '--grpc-port=9999', '--level=info'],
              env: [{ name: 'PODINFO_UI_COLOR', value: '#34577c' }],
              resources: { limits: { cpu: '2000m', memory: '512Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

function configMap(name: string, data: Record<string, string>, extra: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', ...extra }, data };
}

function secret(name: string, fields: Obj): Obj {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, type: 'Opaque', ...fields };
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

interface ServeOptions {
  /** How the agent applied it: client-side (last-applied annotation) or server-side by this manager. */
  applied?: 'client-side' | { manager: string };
  /** What the agent applied, when not the desired object (Git changed since). */
  appliedObject?: Obj;
  /** More managedFields entries (other controllers, people). */
  managers?: Obj[];
}

/** Merge keys of the lists the builders use, for managedFields. */
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort', 'protocol'],
};

/** fieldsV1 of an applied object, as server-side apply records it. */
export function fieldsV1Of(value: unknown, key = ''): Obj {
  if (Array.isArray(value)) {
    const keys = LIST_KEYS[key];
    if (!keys || !value.every((v) => typeof v === 'object' && v !== null)) return {};
    const out: Obj = {};
    for (const item of value as Obj[]) {
      const id: Obj = {};
      for (const k of keys) id[k] = item[k] ?? (k === 'protocol' ? 'TCP' : undefined);
      out[`k:${JSON.stringify(id)}`] = { '.': {}, ...fieldsV1Of(item) };
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return {};
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status' || (key === 'metadata' && (k === 'name' || k === 'namespace'))) continue;
    out[`f:${k}`] = fieldsV1Of(v, k);
  }
  return out;
}

/** What `kubectl get -o yaml` returns for an applied Deployment: server defaults, status, bookkeeping. */
function servedDeployment(desired: Obj, opts: ServeOptions = {}): Obj {
  const live = clone(desired);
  const applied = opts.appliedObject ?? desired;
  live.metadata = {
    ...live.metadata,
    namespace: live.metadata.namespace ?? 'default',
    uid: '81505cad-f356-4645-8964-5fd71dc60b46',
    resourceVersion: '7376624',
    generation: 1,
    creationTimestamp: '2026-09-18T19:17:46Z',
    annotations: { ...live.metadata.annotations, 'deployment.kubernetes.io/revision': '1' },
  };
  bookkeeping(live, applied, opts);
  Object.assign(live.spec, { progressDeadlineSeconds: live.spec.progressDeadlineSeconds ?? 600, revisionHistoryLimit: live.spec.revisionHistoryLimit ?? 10 });
  live.spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  const t = live.spec.template;
  t.metadata = { creationTimestamp: null, ...t.metadata };
  Object.assign(t.spec, { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
  for (const c of [...(t.spec.containers ?? []), ...(t.spec.initContainers ?? [])]) servedContainer(c);
  live.status = {
    availableReplicas: live.spec.replicas ?? 1,
    conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: '2026-09-18T19:17:47Z' }],
    observedGeneration: 1,
    readyReplicas: live.spec.replicas ?? 1,
    replicas: live.spec.replicas ?? 1,
  };
  return live;
}

function servedContainer(c: Obj): void {
  c.imagePullPolicy ??= String(c.image).endsWith(':latest') ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  c.terminationMessagePath = '/dev/termination-log';
  c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const group of Object.values((c.resources ?? {}) as Record<string, Obj>)) for (const [k, v] of Object.entries(group)) group[k] = canonicalQuantity(v);
}

/** The API server's canonical spelling of a quantity. */
function canonicalQuantity(v: unknown): string {
  const map: Record<string, string> = { '2000m': '2', '1000m': '1', '0.5': '500m', '0.2': '200m', '1024Mi': '1Gi', '1': '1', '2': '2' };
  return map[String(v)] ?? String(v);
}

/** managedFields and last-applied-configuration as the agent and the control plane leave them. */
function bookkeeping(live: Obj, applied: Obj, opts: ServeOptions): void {
  const how = opts.applied ?? 'client-side';
  const managed: Obj[] = [];
  if (how === 'client-side') {
    live.metadata.annotations = { ...live.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) + '\n' };
    managed.push({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: live.apiVersion, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } } } });
  } else {
    managed.push({ manager: how.manager, operation: 'Apply', apiVersion: live.apiVersion, fieldsType: 'FieldsV1', fieldsV1: fieldsV1Of(applied) });
  }
  if (live.kind !== 'ConfigMap' && live.kind !== 'Secret') {
    managed.push({ manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', apiVersion: live.apiVersion, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } });
  }
  live.metadata.managedFields = [...managed, ...(opts.managers ?? [])];
}

/** A plain object (ConfigMap, Secret, RBAC, CRD) as served: metadata bookkeeping only. */
function served(desired: Obj, opts: ServeOptions = {}, namespaced = true): Obj {
  const live = clone(desired);
  live.metadata = { ...live.metadata, uid: '8b4a2766-ebee-11e8-93c0-42010a8a0013', resourceVersion: '25848035', creationTimestamp: '2026-11-19T11:30:40Z' };
  if (!namespaced) delete live.metadata.namespace;
  bookkeeping(live, opts.appliedObject ?? desired, opts);
  return live;
}

function with_(o: Obj, edit: (o: Obj) => void): Obj {
  const c = clone(o);
  edit(c);
  return c;
}

const GE = 'argoproj/gitops-engine pkg/diff/diff_test.go';
const ACD = 'argoproj/argo-cd util/argo/diff';
const FLUX_JD = 'fluxcd/pkg ssa/jsondiff/unstructured_test.go';
const FLUX_SSA = 'fluxcd/pkg ssa/manager_diff_test.go';
const KUBECTL = 'kubectl get -o yaml';

// ---------------------------------------------------------------------------------------------
// Argo CD gitops-engine pkg/diff

const demo = demoDeployment();
const servedDemo = servedDeployment(demo);

const ELASTIC_LABELS = { app: 'elasticsearch', chart: 'elasticsearch-1.7.0', heritage: 'Tiller', release: 'elasticsearch4' };
const elasticsearch: Obj = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'elasticsearch4-master', namespace: 'elasticsearch', labels: ELASTIC_LABELS },
  spec: {
    serviceName: 'elasticsearch4-master',
    replicas: 3,
    selector: { matchLabels: { app: 'elasticsearch', release: 'elasticsearch4' } },
    template: { metadata: { labels: { app: 'elasticsearch', release: 'elasticsearch4' } }, spec: { containers: [{ name: 'elasticsearch', image: 'docker.elastic.co/elasticsearch/elasticsearch-oss:6.4.2', env: [{ name: 'DISCOVERY_SERVICE', value: 'elasticsearch4-discovery' }] }] } },
  },
};
const servedElastic = with_(servedDeployment(elasticsearch), (o) => {
  delete o.spec.progressDeadlineSeconds;
  delete o.spec.strategy;
  o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  o.spec.podManagementPolicy = 'OrderedReady';
});

const saConfig: Obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { labels: { 'app.kubernetes.io/instance': 'argocd-demo' }, name: 'argocd-application-controller' } };
const saLive: Obj = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: {
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"annotations":{},"labels":{"app.kubernetes.io/instance":"argocd-demo"},"name":"argocd-application-controller","namespace":"argocd-demo"}}\n',
    },
    creationTimestamp: '2018-04-16T22:08:57Z',
    labels: { 'app.kubernetes.io/instance': 'argocd-demo' },
    name: 'argocd-application-controller',
    namespace: 'argocd-demo',
    resourceVersion: '7584502',
    selfLink: '/api/v1/namespaces/argocd-demo/serviceaccounts/argocd-application-controller',
    uid: 'c22bb2b4-41c2-11e8-978a-028445d52ec8',
  },
  secrets: [{ name: 'argocd-application-controller-token-kfxct' }],
};

const webhookConfig: Obj = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingWebhookConfiguration',
  metadata: { name: 'istio-sidecar-injector' },
  webhooks: [
    {
      name: 'sidecar-injector.istio.io',
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      clientConfig: { service: { name: 'istiod', namespace: 'istio-system', path: '/inject' } },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
      namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } },
    },
  ],
};
const webhookLive = with_(served(webhookConfig, {}, false), (o) => {
  Object.assign(o.webhooks[0], { failurePolicy: 'Fail', matchPolicy: 'Equivalent', objectSelector: {}, reinvocationPolicy: 'Never', timeoutSeconds: 10 });
  o.webhooks[0].clientConfig.service.port = 443;
  o.webhooks[0].clientConfig.caBundle = 'LS0tLS1CRUdJTi...';
  o.webhooks[0].rules[0].scope = '*';
});

const endpointSlice: Obj = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { annotations: { description: 'A test endpoint slice' }, labels: { 'app.kubernetes.io/instance': 'guestbook' }, name: 'test-endpoint-slice', namespace: 'default' },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true, serving: true, terminated: false }, hostname: 'node-1', targetRef: { kind: 'Pod', name: 'http-server-1', namespace: 'default' } }],
};

const endpoints: Obj = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'external-db', namespace: 'shop' },
  subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }],
};

const aggregatedRole: Obj = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'monitoring' },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] },
  rules: [],
};

const grafanaRole: Obj = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'grafana-clusterrole', labels: { app: 'grafana' } }, rules: null };

const sealedSecret: Obj = {
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name: 'mysecret', namespace: 'default', creationTimestamp: null },
  spec: { encryptedData: { foo: 'AgBy3i4OJSWK+PiTySYZZA==' } },
};

const pod = (cpu: unknown): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'my-pod', namespace: 'default' }, spec: { containers: [{ image: 'nginx:1.7.9', name: 'nginx', resources: { requests: { cpu } } }] } });

const composite: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'test-container-ports', namespace: 'default', labels: { app: 'test-app' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'test-app' } },
    template: {
      metadata: { labels: { app: 'test-app' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.21', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }, { containerPort: 8080, name: 'metrics' }] },
          { name: 'sidecar', image: 'busybox:1.35', command: ['sleep', '3600'], ports: [{ containerPort: 9090, name: 'sidecar-port' }] },
        ],
      },
    },
  },
};
const compositeLive = with_(servedDeployment(composite, { applied: { manager: 'argocd-controller' } }), (o) => o.spec.template.spec.containers[0].ports.pop());

const secretConfig = `apiVersion: v1
kind: Secret
metadata:
  name: my-secret
  namespace: argocd
type: Opaque
stringData:
  foo: bar
  bar: "1234"
data:
  baz: cXV4
`;
const secretLive = `apiVersion: v1
kind: Secret
metadata:
  creationTimestamp: 2018-11-19T11:30:40Z
  name: my-secret
  namespace: argocd
  resourceVersion: "25848035"
  selfLink: /api/v1/namespaces/argocd/secrets/my-secret
  uid: 8b4a2766-ebee-11e8-93c0-42010a8a0013
type: Opaque
data:
  foo: YmFy
  bar: MTIzNA==
  baz: cXV4
`;

const wordpress = (data: Record<string, string | null>): Obj => secret('wordpress', { data });
const lastApplied = (o: Obj, applied: Obj): Obj => with_(o, (x) => (x.metadata.annotations = { ...x.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied) }));

const gitopsEngine: PeerCase[] = [
  { group: 'peer', source: `${GE} TestDiff`, name: 'identical objects', desired: demo, live: demo, expect: 'InSync' },
  { group: 'peer', source: `${GE} TestDiff`, name: 'identical, live with server defaults, status and bookkeeping', desired: demo, live: servedDemo, expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestDiff_KnownTypeInvalidValue/NoDifference`,
    name: 'an invalid value on both sides',
    desired: with_(demo, (o) => (o.spec.revisionHistoryLimit = 'badValue')),
    live: with_(demo, (o) => (o.spec.revisionHistoryLimit = 'badValue')),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestDiff_KnownTypeInvalidValue/HasDifference`,
    name: 'an invalid value against a live one',
    desired: with_(demo, (o) => (o.spec.revisionHistoryLimit = 'badValue')),
    live: with_(demo, (o) => (o.spec.revisionHistoryLimit = '3')),
    expect: 'Drifted',
    paths: ['/spec/revisionHistoryLimit'],
  },
  { group: 'peer', source: `${GE} TestDiffWithNils`, name: 'config without live object', desired: demo, expect: 'Missing' },
  { group: 'peer', source: `${GE} TestDiffNilFieldInLive`, name: 'live spec null', desired: demo, live: with_(demo, (o) => (o.spec = null)), expect: 'Drifted' },
  { group: 'peer', source: `${GE} TestDiffArraySame`, name: 'same objects in an array diff', desired: demo, live: clone(demo), expect: 'InSync' },
  { group: 'peer', source: `${GE} TestDiffArrayAdditions`, name: 'live status added', desired: demo, live: with_(demo, (o) => (o.status = { replicas: 1 })), expect: 'InSync' },
  { group: 'peer', source: `${GE} TestDiffArrayModification`, name: 'live replicas changed', desired: demo, live: with_(demo, (o) => (o.spec.replicas = 10)), expect: 'Drifted', paths: ['/spec/replicas'] },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiff step 2`,
    name: 'server added the default namespace',
    desired: with_(demo, (o) => (delete o.metadata.namespace, (o.metadata.annotations = { foo: 'bar' }))),
    live: with_(demo, (o) => ((o.metadata.namespace = 'default'), (o.metadata.annotations = { foo: 'bar' }))),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiff step 3`,
    name: 'live carries last-applied-configuration equal to the config',
    desired: with_(demo, (o) => (delete o.metadata.namespace, (o.metadata.annotations = { foo: 'bar' }))),
    live: lastApplied(
      with_(demo, (o) => ((o.metadata.namespace = 'default'), (o.metadata.annotations = { foo: 'bar' }))),
      with_(demo, (o) => (delete o.metadata.namespace, (o.metadata.annotations = { foo: 'bar' }))),
    ),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiff step 4`,
    name: 'annotation removed from the config, still in last-applied and live',
    desired: with_(demo, (o) => delete o.metadata.namespace),
    live: lastApplied(
      with_(demo, (o) => ((o.metadata.namespace = 'default'), (o.metadata.annotations = { foo: 'bar' }))),
      with_(demo, (o) => (delete o.metadata.namespace, (o.metadata.annotations = { foo: 'bar' }))),
    ),
    expect: 'Drifted',
    paths: ['/metadata/annotations/foo'],
  },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiff step 5`,
    name: 'annotation removed, no last-applied: a live-only field',
    desired: with_(demo, (o) => delete o.metadata.namespace),
    live: with_(demo, (o) => ((o.metadata.namespace = 'default'), (o.metadata.annotations = { foo: 'bar' }))),
    expect: 'InSync',
  },
  { group: 'peer', source: `${GE} TestThreeWayDiffExample1`, name: 'ServiceAccount with token secrets and last-applied', desired: saConfig, live: saLive, expect: 'InSync' },
  { group: 'peer', source: `${GE} TestThreeWayDiffExample2`, name: 'elasticsearch StatefulSet as served', desired: elasticsearch, live: servedElastic, expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiffExample2WithDifference`,
    name: 'label added, changed and removed',
    desired: with_(elasticsearch, (o) => {
      o.metadata.labels.foo = 'bar';
      o.metadata.labels.chart = 'elasticsearch-1.7.1';
      delete o.metadata.labels.release;
    }),
    live: servedElastic,
    expect: 'Drifted',
    paths: ['/metadata/labels/chart', '/metadata/labels/foo', '/metadata/labels/release'],
  },
  { group: 'peer', source: `${GE} TestThreeWayDiffExample3`, name: 'real-world Deployment as served', desired: podinfo(), live: servedDeployment(podinfo()), expect: 'InSync' },
  { group: 'peer', source: `${GE} TestThreeWayDiffExample4`, name: 'MutatingWebhookConfiguration with server defaults', desired: webhookConfig, live: webhookLive, expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestThreeWayDiffExplicitNamespace`,
    name: 'ServiceAccount with an explicit namespace',
    desired: with_(saConfig, (o) => (o.metadata.namespace = 'argocd-demo')),
    live: saLive,
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestDiffOptionIgnoreAggregateRoles (IgnoreAggregatedRoles=false)`,
    name: 'aggregated ClusterRole with rules filled in by the controller',
    desired: aggregatedRole,
    live: with_(served(aggregatedRole, {}, false), (o) => (o.rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }])),
    expect: 'Drifted',
    paths: ['/rules'],
  },
  {
    group: 'peer',
    source: `${GE} TestDiffResourceWithInvalidField`,
    name: 'a field the server dropped',
    desired: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'invalid-cm', namespace: 'shop' }, invalidKey: 'asdf' },
    live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'invalid-cm', namespace: 'shop' } },
    expect: 'Drifted',
    paths: ['/invalidKey'],
  },
  {
    group: 'peer',
    source: `${GE} TestIgnoreNamespaceForClusterScopedResources`,
    name: 'a namespace in Git on a cluster-scoped object',
    desired: 'apiVersion: foo.io/v1\nkind: Foo\nmetadata:\n  name: my-foo\n  namespace: kube-system\nspec:\n  foo: bar\n',
    live: "apiVersion: foo.io/v1\nkind: Foo\nmetadata:\n  creationTimestamp: 2018-07-17 09:17:05 UTC\n  name: my-foo\n  resourceVersion: '10308211'\n  uid: 2c3d5405-89a2-11e8-aff0-42010a8a0fc6\nspec:\n  foo: bar\n",
    expect: 'InSync',
  },
  { group: 'peer', source: `${GE} TestSecretStringData`, name: 'stringData against the data the server keeps', desired: secretConfig, live: secretLive, expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestSecretStringData (changed)`,
    name: 'a stringData value that differs from live data',
    desired: secretConfig.replace('foo: bar', 'foo: baz'),
    live: secretLive,
    expect: 'Drifted',
    paths: ['/stringData/foo'],
  },
  { group: 'peer', source: `${GE} TestInvalidSecretStringData`, name: 'stringData without a live object', desired: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: my-secret\n  namespace: argocd\ntype: Opaque\nstringData:\n  foo: 1234\n', expect: 'Missing' },
  { group: 'peer', source: `${GE} TestNullSecretData`, name: 'null in Git, "" live', desired: wordpress({ 'wordpress-password': null, 'smtp-password': null }), live: wordpress({ 'wordpress-password': '', 'smtp-password': '' }), expect: 'InSync' },
  { group: 'peer', source: `${GE} TestNullSecretData (argo-cd#943)`, name: '"" in Git, no value live', desired: wordpress({ 'smtp-password': '' }), live: secret('wordpress', { data: {} }), expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestRedactedSecretData`,
    name: 'redacted values of different lengths',
    desired: wordpress({ 'wordpress-password': '++++++++', 'smtp-password': '++++++++' }),
    live: wordpress({ 'wordpress-password': '++++++++++++', 'smtp-password': '++++++++++++' }),
    expect: 'Drifted',
  },
  { group: 'peer', source: `${GE} TestNullRoleRule`, name: 'rules: null in Git', desired: grafanaRole, live: with_(served(grafanaRole, {}, false), (o) => delete o.rules), expect: 'InSync' },
  { group: 'peer', source: `${GE} TestNullCreationTimestamp`, name: 'creationTimestamp: null in Git (SealedSecret)', desired: sealedSecret, live: served(sealedSecret), expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestUnsortedEndpoints`,
    name: 'Endpoints addresses in another order (the server repacks subsets)',
    desired: endpoints,
    live: with_(endpoints, (o) => o.subsets[0].addresses.reverse()),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestUnsortedEndpoints (changed)`,
    name: 'Endpoints with another address',
    desired: endpoints,
    live: with_(endpoints, (o) => (o.subsets[0].addresses[1].ip = '10.0.0.9')),
    expect: 'Drifted',
  },
  {
    group: 'peer',
    source: `${GE} TestEndpointSlice`,
    name: 'EndpointSlice with a live-only trigger-time annotation',
    desired: endpointSlice,
    live: with_(endpointSlice, (o) => {
      o.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time'] = '2022-10-03T06:11:53Z';
      o.metadata.uid = 'e39612a3-b386-4f55-9286-ebdd3ad510aa';
    }),
    expect: 'InSync',
  },
  { group: 'peer', source: `${GE} TestRemarshalResources`, name: 'cpu 0.2 and 200m', desired: pod(0.2), live: pod('200m'), expect: 'InSync' },
  { group: 'peer', source: `${GE} ExampleDiff`, name: 'cpu 0.2 against 0.1', desired: pod(0.2), live: pod(0.1), expect: 'Drifted', paths: ['/spec/containers/0/resources/requests/cpu'] },
  {
    group: 'peer',
    source: `${GE} TestRemarshal`,
    name: 'imagePullSecrets: [] in Git, none live',
    desired: { apiVersion: 'v1', kind: 'ServiceAccount', imagePullSecrets: [], metadata: { name: 'my-sa', namespace: 'shop' } },
    live: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'my-sa', namespace: 'shop', uid: 'u', creationTimestamp: '2026-01-01T00:00:00Z' } },
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestStructuredMergeDiff/will apply deployment defaults correctly`,
    name: 'smd-deploy-live: applied by argocd-controller, defaults by the server',
    desired: with_(demo, (o) => (o.spec.template.spec.containers[0].imagePullPolicy = 'Never')),
    live: servedDeployment(with_(demo, (o) => (o.spec.template.spec.containers[0].imagePullPolicy = 'Never')), { applied: { manager: 'argocd-controller' } }),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestServerSideDiff (ssd-deploy-composite-key)`,
    name: 'container port keyed by containerPort+protocol missing live',
    desired: composite,
    live: compositeLive,
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers/0/ports/2'],
  },
  {
    group: 'peer',
    source: `${GE} TestServerSideDiff (ssd-deploy-composite-key, in sync)`,
    name: 'ports with protocol defaulted by the server',
    desired: composite,
    live: servedDeployment(composite, { applied: { manager: 'argocd-controller' } }),
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestHideSecretDataSameKeysDifferentValues`,
    name: 'same keys, different values',
    desired: secret('s', { data: { key1: b64('test'), key2: b64('test') } }),
    live: secret('s', { data: { key1: b64('test-1'), key2: b64('test-1') } }),
    expect: 'Drifted',
    paths: ['/data/key1', '/data/key2'],
  },
  { group: 'peer', source: `${GE} TestHideSecretDataSameKeysSameValues`, name: 'same keys, same values', desired: secret('s', { data: { key1: b64('test') } }), live: secret('s', { data: { key1: b64('test') } }), expect: 'InSync' },
  {
    group: 'peer',
    source: `${GE} TestHideSecretDataDifferentKeysDifferentValues`,
    name: 'a key missing live, another only live',
    desired: secret('s', { data: { key1: b64('test'), key2: b64('test') } }),
    live: secret('s', { data: { key2: b64('test-1'), key3: b64('test-1') } }),
    expect: 'Drifted',
    paths: ['/data/key1', '/data/key2'],
  },
  {
    group: 'peer',
    source: `${GE} TestHideSecretDataHandleEmptySecret`,
    name: 'service-account token Secret: data {} in Git, filled live by the token controller',
    desired: { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { annotations: { 'kubernetes.io/service-account.name': 'default' }, name: 'an-empty-secret', namespace: 'default' }, data: {} },
    live: {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { annotations: { 'kubernetes.io/service-account.name': 'default', 'kubernetes.io/service-account.uid': '78688180-d432-4ee8-939d-382b015a6b13' }, name: 'an-empty-secret', namespace: 'default', uid: '2e98590d' },
      data: { namespace: 'ZGVmYXVsdA==', token: 'ZGVmYXVsdAcb==' },
    },
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${GE} TestHideSecretDataLastAppliedConfig`,
    name: 'Git, last-applied and live all differ',
    desired: secret('s', { data: { key1: b64('test2') } }),
    live: lastApplied(secret('s', { data: { key1: b64('test3') } }), secret('s', { data: { key1: b64('test1') } })),
    expect: 'Drifted',
    paths: ['/data/key1'],
  },
  {
    group: 'peer',
    source: `${GE} TestHideSecretAnnotationsPreserveDifference`,
    name: 'an annotation value differs on a Secret',
    desired: with_(secret('test-secret', {}), (o) => (o.metadata.annotations = { 'token/value': 'new-secret', app: 'test' })),
    live: with_(secret('test-secret', {}), (o) => (o.metadata.annotations = { 'token/value': 'secret', app: 'test' })),
    expect: 'Drifted',
    paths: ['/metadata/annotations/token~1value'],
  },
];

// ---------------------------------------------------------------------------------------------
// Argo CD util/argo/diff (ignoreDifferences as drift.ignore)

const argoCd: PeerCase[] = [
  {
    group: 'peer',
    source: `${ACD}/diff_test.go TestStateDiff (jsonPointers /spec/replicas)`,
    name: 'replicas ignored by rule',
    desired: demo,
    live: with_(servedDemo, (o) => (o.spec.replicas = 3)),
    rules: { ignore: [{ kind: 'Deployment', path: 'spec.replicas' }] },
    expect: 'InSync',
  },
  {
    group: 'peer',
    source: `${ACD}/diff_test.go TestStateDiff (rule for another kind)`,
    name: 'replicas rule for StatefulSets only',
    desired: demo,
    live: with_(servedDemo, (o) => (o.spec.replicas = 3)),
    rules: { ignore: [{ kind: 'StatefulSet', path: 'spec.replicas' }] },
    expect: 'Drifted',
    paths: ['/spec/replicas'],
  },
  {
    group: 'peer',
    source: `${ACD}/normalize_test.go TestNormalize (revision-history-manager owns revisionHistoryLimit)`,
    name: 'a field Git does not set, owned by another manager',
    desired: demo,
    live: servedDeployment(demo, {
      applied: { manager: 'argocd-controller' },
      managers: [{ manager: 'revision-history-manager', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:revisionHistoryLimit': {} } } }],
    }),
    expect: 'InSync',
  },
];

// ---------------------------------------------------------------------------------------------
// Flux ssa/jsondiff and ssa (the field owner is the agent: kustomize-controller)

const flux = podinfo();
const fluxOwner = { applied: { manager: 'kustomize-controller' } } as const;
const servedFlux = (desired: Obj, opts: ServeOptions = {}): Obj => servedDeployment(desired, { ...fluxOwner, ...opts });
const nginxContainer = { name: 'nginx', image: 'nginx:latest' };
const hpa: Obj = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'frontend', namespace: 'shop' },
  spec: {
    maxReplicas: 30,
    minReplicas: 2,
    metrics: [
      { type: 'Pods', pods: { metric: { name: 'nginx_http_requests_total' }, target: { averageValue: 4, type: 'AverageValue' } } },
      { type: 'Pods', pods: { metric: { name: 'nginx_http_requests_total2' }, target: { averageValue: '4', type: 'AverageValue' } } },
    ],
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend' },
  },
};
const servedHpa = (applied: Obj): Obj =>
  with_(served(applied, fluxOwner), (o) => {
    for (const m of o.spec.metrics) m.pods.target.averageValue = String(m.pods.target.averageValue);
    o.spec.behavior = { scaleDown: { policies: [{ periodSeconds: 15, type: 'Percent', value: 100 }], selectPolicy: 'Max', stabilizationWindowSeconds: 300 } };
  });

const fluxCases: PeerCase[] = [
  { group: 'peer', source: `${FLUX_JD} TestUnstructured/Deployment without changes`, name: 'podinfo as served', desired: flux, live: servedFlux(flux), expect: 'InSync' },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with added label and annotation`,
    name: 'label and annotation added in Git',
    desired: with_(flux, (o) => ((o.metadata.annotations.annotated = 'yes'), (o.metadata.labels.labeled = 'yes'))),
    live: servedFlux(flux),
    expect: 'Drifted',
    paths: ['/metadata/annotations/annotated', '/metadata/labels/labeled'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with missing label and annotation`,
    name: 'label and annotation the agent applied, no longer in Git',
    desired: flux,
    live: servedFlux(with_(flux, (o) => ((o.metadata.annotations.annotated = 'yes'), (o.metadata.labels.labeled = 'yes')))),
    expect: 'Drifted',
    paths: ['/metadata/annotations/annotated', '/metadata/labels/labeled'],
    note: 'Flux reports DiffTypeNone (it never reports removed metadata); Argo CD, managedFields-aware, reports the removal',
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with changed label and annotation`,
    name: 'label and annotation changed',
    desired: with_(flux, (o) => ((o.metadata.annotations.annotated = 'yes'), (o.metadata.labels.labeled = 'yes'))),
    live: servedFlux(with_(flux, (o) => ((o.metadata.annotations.annotated = 'no'), (o.metadata.labels.labeled = 'no')))),
    expect: 'Drifted',
    paths: ['/metadata/annotations/annotated', '/metadata/labels/labeled'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with ignored change path`,
    name: 'annotation ignored, label still drifts',
    desired: with_(flux, (o) => ((o.metadata.annotations.annotated = 'yes'), (o.metadata.labels.labeled = 'yes'))),
    live: servedFlux(with_(flux, (o) => ((o.metadata.annotations.annotated = 'no'), (o.metadata.labels.labeled = 'no')))),
    rules: { ignore: [{ path: 'metadata.annotations.annotated' }] },
    expect: 'Drifted',
    paths: ['/metadata/labels/labeled'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with added container`,
    name: 'container added in Git',
    desired: with_(flux, (o) => o.spec.template.spec.containers.push(nginxContainer)),
    live: servedFlux(flux),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers/1'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with removed container`,
    name: 'container the agent applied, no longer in Git',
    desired: flux,
    live: servedFlux(with_(flux, (o) => o.spec.template.spec.containers.push(nginxContainer))),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with changed container value`,
    name: 'image changed',
    desired: with_(flux, (o) => (o.spec.template.spec.containers[0].image = 'nginx:latest')),
    live: servedFlux(flux),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers/0/image'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Deployment with changed container value and ignored path`,
    name: 'image change ignored by rule',
    desired: with_(flux, (o) => (o.spec.template.spec.containers[0].image = 'nginx:latest')),
    live: servedFlux(flux),
    rules: { ignore: [{ path: 'spec.template.spec.containers.0.image' }] },
    expect: 'InSync',
  },
  { group: 'peer', source: `${FLUX_JD} TestUnstructured/Deployment does not exist`, name: 'nothing live', desired: flux, expect: 'Missing' },
  { group: 'peer', source: `${FLUX_JD} TestUnstructured/Secret without changes`, name: 'empty Secret', desired: secret('secret-data', {}), live: served(secret('secret-data', {}), fluxOwner), expect: 'InSync' },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Secret with added key and unmasked value`,
    name: 'stringData key added in Git',
    desired: secret('secret-data', { stringData: { foo: 'bar' } }),
    live: served(secret('secret-data', {}), fluxOwner),
    expect: 'Drifted',
    paths: ['/stringData/foo'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/Secret with changed and deleted key and masked value`,
    name: 'key changed, key the agent applied removed from Git',
    desired: secret('secret-data', { stringData: { foo: 'baz' } }),
    live: served(secret('secret-data', { data: { foo: b64('bar'), bar: b64('bar') } }), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/bar', '/stringData/foo'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructured/ConfigMap is not masked`,
    name: 'ConfigMap value changed',
    desired: configMap('configmap-data', { foo: 'baz' }),
    live: served(configMap('configmap-data', { foo: 'bar' }), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/foo'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructuredList/rationalizes data`,
    name: 'two ConfigMap values swapped',
    desired: configMap('configmap-data', { a: '1', b: '2' }),
    live: served(configMap('configmap-data', { a: '2', b: '1' }), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/a', '/data/b'],
  },
  {
    group: 'peer',
    source: `${FLUX_JD} TestUnstructuredList/resources with multiple changes`,
    name: 'Service annotation added in Git',
    desired: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'podinfo', namespace: 'shop', annotations: { annotated: 'yes' } }, spec: { selector: { app: 'podinfo' }, ports: [{ name: 'http', port: 9898, targetPort: 'http' }] } },
    live: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: 'shop' },
      spec: { clusterIP: '10.96.0.12', clusterIPs: ['10.96.0.12'], selector: { app: 'podinfo' }, ports: [{ name: 'http', port: 9898, protocol: 'TCP', targetPort: 'http' }], type: 'ClusterIP', sessionAffinity: 'None' },
    },
    expect: 'Drifted',
    paths: ['/metadata/annotations/annotated'],
  },
  ...[
    ['label added', { labels: { foo: 'bar', bar: 'foo' } }, { labels: { foo: 'bar' } }, 'Drifted', ['/metadata/labels/bar']],
    ['label removed (no record of who set it)', { labels: { foo: 'bar' } }, { labels: { foo: 'bar', bar: 'foo' } }, 'InSync', []],
    ['label changed', { labels: { foo: 'baz' } }, { labels: { foo: 'bar' } }, 'Drifted', ['/metadata/labels/foo']],
    ['annotation added', { annotations: { foo: 'bar', bar: 'foo' } }, { annotations: { foo: 'bar' } }, 'Drifted', ['/metadata/annotations/bar']],
    ['annotation removed (no record of who set it)', { annotations: { foo: 'bar' } }, { annotations: { foo: 'bar', bar: 'foo' } }, 'InSync', []],
    ['annotation changed', { annotations: { foo: 'baz' } }, { annotations: { foo: 'bar' } }, 'Drifted', ['/metadata/annotations/foo']],
  ].map(
    ([name, desiredMeta, liveMeta, expect, paths]): PeerCase => ({
      group: 'peer',
      source: `${FLUX_JD} Test_diffUnstructuredMetadata/${String(name).replace(/ \(.*/, '')}`,
      name: String(name),
      desired: configMap('meta', { k: 'v' }, desiredMeta as Obj),
      live: configMap('meta', { k: 'v' }, liveMeta as Obj),
      expect: expect as ResourceStatus,
      paths: paths as string[],
    }),
  ),
  { group: 'peer', source: `${FLUX_SSA} TestDiff/generates empty diff for unchanged object`, name: 'ConfigMap unchanged', desired: configMap('cm', { key: 'value' }), live: served(configMap('cm', { key: 'value' }), fluxOwner), expect: 'InSync' },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiff/generates diff for changed object`,
    name: 'ConfigMap value changed in Git',
    desired: configMap('cm', { key: 'diff-test' }),
    live: served(configMap('cm', { key: 'value' }), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/key'],
  },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiff/masks secret values`,
    name: 'stringData key changed and one added',
    desired: secret('sec', { stringData: { key: 'diff-test', 'key.new': 'diff-test' } }),
    live: served(secret('sec', { data: { key: b64('value') } }), fluxOwner),
    expect: 'Drifted',
    paths: ['/stringData/key', '/stringData/key.new'],
  },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiff/generates diff for replaced key in stringData secret`,
    name: 'stringData key renamed in Git',
    desired: secret('sec', { stringData: { 'key.new': 'diff-test' } }),
    live: served(secret('sec', { data: { key: b64('value') } }), { ...fluxOwner, appliedObject: secret('sec', { data: { key: b64('value') } }) }),
    expect: 'Drifted',
    paths: ['/data/key', '/stringData/key.new'],
  },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiff_Removals/generates diff for removed map entry`,
    name: 'ConfigMap key the agent applied, removed from Git',
    desired: configMap('cm', {}),
    live: served(configMap('cm', { token: 'diff-test' }), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/token'],
  },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiff_Removals/generates diff for added map entry`,
    name: 'ConfigMap key added in Git',
    desired: configMap('cm', { token: 'diff-test' }),
    live: served(configMap('cm', {}), fluxOwner),
    expect: 'Drifted',
    paths: ['/data/token'],
  },
  { group: 'peer', source: `${FLUX_SSA} TestDiffHPA/generates empty diff for unchanged object`, name: 'HPA with averageValue 4 and "4"', desired: hpa, live: servedHpa(hpa), expect: 'InSync' },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiffHPA/generates diff for removed metric`,
    name: 'HPA metric removed from Git (atomic list)',
    desired: with_(hpa, (o) => o.spec.metrics.pop()),
    live: servedHpa(hpa),
    expect: 'Drifted',
    paths: ['/spec/metrics'],
  },
  {
    group: 'peer',
    source: `${FLUX_SSA} TestDiffHPA/generates diff for added metric`,
    name: 'HPA metric added in Git',
    desired: hpa,
    live: servedHpa(with_(hpa, (o) => o.spec.metrics.pop())),
    expect: 'Drifted',
    paths: ['/spec/metrics'],
  },
  {
    group: 'peer',
    source: 'fluxcd/pkg ssa/manager_diff_test.go TestHasDrifted_Metadata/returns true if an annotation is removed',
    name: 'annotation removed live, applied by the agent',
    desired: with_(flux, (o) => (o.metadata.annotations.annotated = 'yes')),
    live: servedFlux(flux, { appliedObject: with_(flux, (o) => (o.metadata.annotations.annotated = 'yes')) }),
    expect: 'Drifted',
    paths: ['/metadata/annotations/annotated'],
  },
  {
    group: 'peer',
    source: 'fluxcd/pkg ssa/manager_diff_test.go TestHasDrifted_Metadata/returns false if object is unchanged',
    name: 'unchanged',
    desired: flux,
    live: servedFlux(flux),
    expect: 'InSync',
  },
];

// ---------------------------------------------------------------------------------------------
// What clusters return (`kubectl get -o yaml`), with the verdict Argo CD and `kubectl diff` reach

const web: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'ghcr.io/acme/web:1.4.2',
            args: ['--port', '8080', '--log', 'info'],
            ports: [{ name: 'http', containerPort: 8080 }],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: 1, memory: '1Gi' } },
          },
        ],
      },
    },
  },
};
const servedWeb = servedDeployment(web);
const istioStatus = '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}';

const role: Obj = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'shop-reader' },
  rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
};
const binding: Obj = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'cluster-admins' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-admins' }],
};
const kubectlEdit = (fieldsV1: Obj): Obj => ({ manager: 'kubectl-edit', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 });

const releaseValues: Obj = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'shop', namespace: 'flux-system' },
  spec: {
    interval: '10m',
    chart: { spec: { chart: 'shop', sourceRef: { kind: 'HelmRepository', name: 'acme' } } },
    valuesFrom: [
      { kind: 'ConfigMap', name: 'shop-defaults' },
      { kind: 'Secret', name: 'shop-prod-overrides' },
    ],
  },
};

const yamlVolumes = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  selector:
    matchLabels: { app: worker }
  template:
    metadata:
      labels: { app: worker }
    spec:
      automountServiceAccountToken: no
      containers:
        - name: worker
          image: ghcr.io/acme/worker:2.0.0
          volumeMounts:
            - name: config
              mountPath: /etc/worker
              readOnly: yes
      volumes:
        - name: config
          projected:
            defaultMode: 0644
            sources:
              - configMap:
                  name: worker-config
        - name: keys
          secret:
            secretName: worker-keys
            defaultMode: 0400
`;
const servedVolumes = servedDeployment({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'worker', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'worker' } },
    template: {
      metadata: { labels: { app: 'worker' } },
      spec: {
        automountServiceAccountToken: false,
        containers: [{ name: 'worker', image: 'ghcr.io/acme/worker:2.0.0', volumeMounts: [{ name: 'config', mountPath: '/etc/worker', readOnly: true }] }],
        volumes: [
          { name: 'config', projected: { defaultMode: 420, sources: [{ configMap: { name: 'worker-config' } }] } },
          { name: 'keys', secret: { secretName: 'worker-keys', defaultMode: 256 } },
        ],
      },
    },
  },
});

const yamlMerge = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:3.1.0
          resources:
            requests: &small
              cpu: 100m
              memory: 128Mi
            limits:
              <<: *small
              memory: 256Mi
`;
const servedMerge = servedDeployment({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:3.1.0', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '256Mi' } } }] } },
  },
});

/** Live as the agent's server-side apply of `applied` left it. */
const withAgent = (applied: Obj, manager: string): Obj => (applied.kind === 'Deployment' ? servedDeployment(applied, { applied: { manager } }) : served(applied, { applied: { manager } }));

const cluster: PeerCase[] = [
  { group: 'cluster', source: `${KUBECTL}: Deployment after kubectl apply`, name: 'defaults, status, managedFields, last-applied and revision annotation', desired: web, live: servedWeb, expect: 'InSync' },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment after kubectl scale`,
    name: 'replicas changed by hand',
    desired: web,
    live: with_(servedWeb, (o) => (o.spec.replicas = 5)),
    expect: 'Drifted',
    paths: ['/spec/replicas'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment scaled by an HPA (kube-controller-manager owns spec.replicas through /scale)`,
    name: 'Git does not set replicas',
    desired: with_(web, (o) => delete o.spec.replicas),
    live: with_(servedDeployment(with_(web, (o) => delete o.spec.replicas)), (o) => {
      o.spec.replicas = 7;
      o.metadata.managedFields.push({ manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    }),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Service as the API server fills it in`,
    name: 'clusterIP(s), ipFamilies, sessionAffinity, protocol and targetPort defaults',
    desired: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9090 }] } },
    live: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', uid: 'x', resourceVersion: '1' },
      spec: {
        clusterIP: '10.96.14.2',
        clusterIPs: ['10.96.14.2'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
        ],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: NodePort Service`,
    name: 'nodePort allocated by the server',
    desired: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'edge', namespace: 'shop' }, spec: { type: 'NodePort', selector: { app: 'edge' }, ports: [{ port: 443, targetPort: 8443 }] } },
    live: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'edge', namespace: 'shop' }, spec: { type: 'NodePort', externalTrafficPolicy: 'Cluster', selector: { app: 'edge' }, ports: [{ port: 443, targetPort: 8443, protocol: 'TCP', nodePort: 31443 }], clusterIP: '10.96.0.7' } },
    expect: 'InSync',
  },
  { group: 'cluster', source: `${KUBECTL}: volumes written the way kubectl reads YAML`, name: 'defaultMode 0644 and 0400 (octal), readOnly: yes, automountServiceAccountToken: no', desired: yamlVolumes, live: servedVolumes, expect: 'InSync' },
  {
    group: 'cluster',
    source: `${KUBECTL}: volumes written the way kubectl reads YAML (changed)`,
    name: 'defaultMode 0644 against a live 0600 (384)',
    desired: yamlVolumes,
    live: with_(servedVolumes, (o) => (o.spec.template.spec.volumes[0].projected.defaultMode = 384)),
    expect: 'Drifted',
    paths: ['/spec/template/spec/volumes/0/projected/defaultMode'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Pod written with YAML 1.1 booleans`,
    name: 'tty: y, stdin: on, enableServiceLinks: off, hostNetwork: n, and a quoted "yes" that stays a string',
    desired: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\n  namespace: shop\n  labels:\n    interactive: "yes"\nspec:\n  enableServiceLinks: off\n  hostNetwork: n\n  containers:\n    - name: shell\n      image: busybox:1.36\n      tty: y\n      stdin: on\n',
    live: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'shell', namespace: 'shop', labels: { interactive: 'yes' } },
      spec: { enableServiceLinks: false, hostNetwork: false, containers: [{ name: 'shell', image: 'busybox:1.36', tty: true, stdin: true, imagePullPolicy: 'IfNotPresent' }] },
    },
    expect: 'InSync',
  },
  { group: 'cluster', source: `${KUBECTL}: YAML merge keys`, name: '<<: *small merged before comparing', desired: yamlMerge, live: servedMerge, expect: 'InSync' },
  {
    group: 'cluster',
    source: `${KUBECTL}: YAML merge keys (changed)`,
    name: 'merged cpu limit differs live',
    desired: yamlMerge,
    live: with_(servedMerge, (o) => (o.spec.template.spec.containers[0].resources.limits.cpu = '200m')),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers/0/resources/limits/cpu'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap`,
    name: 'a key called limits is a string, not a quantity',
    desired: configMap('tuning', { limits: '1000m', requests: '0.5' }),
    live: served(configMap('tuning', { limits: '1', requests: '500m' })),
    expect: 'Drifted',
    paths: ['/data/limits', '/data/requests'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: HorizontalPodAutoscaler v2`,
    name: 'averageValue 0.5 equals the served 500m',
    desired: with_(hpa, (o) => (o.spec.metrics = [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: 0.5 } } }])),
    live: with_(served(hpa), (o) => (o.spec.metrics = [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '500m' } } }])),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment with ephemeral-storage and a GPU`,
    name: 'ephemeral-storage 1024Mi = 1Gi, nvidia.com/gpu 1 = "1"',
    desired: with_(web, (o) => (o.spec.template.spec.containers[0].resources = { limits: { 'ephemeral-storage': '1024Mi', 'nvidia.com/gpu': 1 } })),
    live: with_(servedWeb, (o) => (o.spec.template.spec.containers[0].resources = { limits: { 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': '1' }, requests: { 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': '1' } })),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ClusterRoleBinding after kubectl edit`,
    name: 'a user added by hand to cluster-admins',
    desired: binding,
    live: with_(served(binding, {}, false), (o) => {
      o.subjects.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory@example.com' });
      o.metadata.managedFields.push(kubectlEdit({ 'f:subjects': {} }));
    }),
    expect: 'Drifted',
    paths: ['/subjects'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ClusterRole after kubectl edit`,
    name: 'an extra rule live',
    desired: role,
    live: with_(served(role, {}, false), (o) => o.rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['get'] })),
    expect: 'Drifted',
    paths: ['/rules'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ClusterRole`,
    name: 'verbs in another order inside a rule (atomic list)',
    desired: role,
    live: with_(served(role, {}, false), (o) => o.rules[0].verbs.reverse()),
    expect: 'Drifted',
    paths: ['/rules/0/verbs'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment after kubectl edit`,
    name: 'an extra toleration',
    desired: with_(web, (o) => (o.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }])),
    live: with_(servedWeb, (o) => (o.spec.template.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists' }])),
    expect: 'Drifted',
    paths: ['/spec/template/spec/tolerations'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment after kubectl edit`,
    name: 'args reordered',
    desired: web,
    live: with_(servedWeb, (o) => (o.spec.template.spec.containers[0].args = ['--log', 'info', '--port', '8080'])),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers/0/args'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment with two containers`,
    name: 'containers listed in another order (matched by name)',
    desired: with_(web, (o) => o.spec.template.spec.containers.push({ name: 'log', image: 'fluent/fluent-bit:3.1' })),
    live: with_(servedDeployment(with_(web, (o) => o.spec.template.spec.containers.push({ name: 'log', image: 'fluent/fluent-bit:3.1' }))), (o) => o.spec.template.spec.containers.reverse()),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment with init containers`,
    name: 'initContainers reordered (they run in order)',
    desired: with_(web, (o) => (o.spec.template.spec.initContainers = [{ name: 'migrate', image: 'ghcr.io/acme/migrate:1' }, { name: 'warm-cache', image: 'ghcr.io/acme/warm:1' }])),
    live: with_(servedDeployment(with_(web, (o) => (o.spec.template.spec.initContainers = [{ name: 'migrate', image: 'ghcr.io/acme/migrate:1' }, { name: 'warm-cache', image: 'ghcr.io/acme/warm:1' }]))), (o) =>
      o.spec.template.spec.initContainers.reverse(),
    ),
    expect: 'Drifted',
    paths: ['/spec/template/spec/initContainers'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: HelmRelease (helm.toolkit.fluxcd.io/v2)`,
    name: 'valuesFrom reordered (merged in order)',
    desired: releaseValues,
    live: with_(served(releaseValues), (o) => o.spec.valuesFrom.reverse()),
    expect: 'Drifted',
    paths: ['/spec/valuesFrom/0/kind', '/spec/valuesFrom/0/name', '/spec/valuesFrom/1/kind', '/spec/valuesFrom/1/name'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: HelmRelease (helm.toolkit.fluxcd.io/v2) with status`,
    name: 'unchanged, with the controller status',
    desired: releaseValues,
    live: with_(served(releaseValues), (o) => (o.status = { observedGeneration: 3, conditions: [{ type: 'Ready', status: 'True' }] })),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Pod injected by Istio`,
    name: 'istio-proxy, istio-init and their volumes recorded in sidecar.istio.io/status',
    desired: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], volumes: [{ name: 'data', emptyDir: {} }] } },
    live: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'shop', annotations: { 'sidecar.istio.io/status': istioStatus }, labels: { 'security.istio.io/tlsMode': 'istio' } },
      spec: {
        initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.1' }],
        containers: [
          { name: 'app', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent' },
          { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.1' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }, ...['workload-socket', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'].map((name) => ({ name, emptyDir: {} }))],
      },
    },
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment after kubectl edit`,
    name: 'a debug container added by hand (no injector recorded it)',
    desired: web,
    live: with_(servedWeb, (o) => {
      o.spec.template.spec.containers.push({ name: 'debug', image: 'busybox:1.36' });
      o.metadata.managedFields.push(kubectlEdit({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"debug"}': {} } } } } }));
    }),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment mutated by a controller`,
    name: 'an env var another controller owns (managedFields)',
    desired: web,
    live: with_(servedWeb, (o) => {
      o.spec.template.spec.containers[0].env.push({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel:4317' });
      o.metadata.managedFields.push({
        manager: 'opentelemetry-operator',
        operation: 'Update',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:env': { 'k:{"name":"OTEL_EXPORTER_OTLP_ENDPOINT"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } } } } } },
      });
    }),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment applied with kubectl apply (client-side)`,
    name: 'a label removed from Git, still in last-applied and live',
    desired: with_(web, (o) => delete o.metadata.labels),
    live: servedWeb,
    expect: 'Drifted',
    paths: ['/metadata/labels/app'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment applied by Argo CD server-side (argocd-controller)`,
    name: 'an annotation removed from Git, still owned by argocd-controller',
    desired: web,
    live: withAgent(with_(web, (o) => (o.metadata.annotations = { 'team.acme.io/owner': 'shop' })), 'argocd-controller'),
    expect: 'Drifted',
    paths: ['/metadata/annotations/team.acme.io~1owner'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap applied by Flux (kustomize-controller)`,
    name: 'a key removed from Git, still owned by kustomize-controller',
    desired: configMap('shop-config', { LOG_LEVEL: 'info' }),
    live: withAgent(configMap('shop-config', { LOG_LEVEL: 'info', FEATURE_X: 'on' }), 'kustomize-controller'),
    expect: 'Drifted',
    paths: ['/data/FEATURE_X'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment applied by Flux (helm-controller)`,
    name: 'a container removed from the chart, still owned by helm-controller',
    desired: web,
    live: withAgent(
      with_(web, (o) => o.spec.template.spec.containers.push({ name: 'exporter', image: 'prom/exporter:1' })),
      'helm-controller',
    ),
    expect: 'Drifted',
    paths: ['/spec/template/spec/containers'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap applied by a team's own field manager (drift.fieldManagers)`,
    name: 'a key removed from Git, owned by the configured manager',
    desired: configMap('shop-config', { LOG_LEVEL: 'info' }),
    live: withAgent(configMap('shop-config', { LOG_LEVEL: 'info', FEATURE_X: 'on' }), 'shop-deployer'),
    rules: { fieldManagers: ['shop-deployer'] },
    expect: 'Drifted',
    paths: ['/data/FEATURE_X'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment tracked by Argo CD (annotation tracking)`,
    name: 'argocd.argoproj.io/tracking-id and app.kubernetes.io/instance written by the agent, not Git',
    desired: web,
    live: withAgent(
      with_(web, (o) => {
        o.metadata.annotations = { 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web' };
        o.metadata.labels['app.kubernetes.io/instance'] = 'shop';
      }),
      'argocd-controller',
    ),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap applied by Flux`,
    name: 'kustomize.toolkit.fluxcd.io labels written by the agent, not Git',
    desired: configMap('shop-config', { LOG_LEVEL: 'info' }),
    live: withAgent(configMap('shop-config', { LOG_LEVEL: 'info' }, { labels: { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' } }), 'kustomize-controller'),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment restarted with kubectl rollout restart`,
    name: 'kubectl.kubernetes.io/restartedAt on the pod template (not Git, not the agent)',
    desired: web,
    live: with_(servedWeb, (o) => (o.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-30T10:00:00Z' })),
    expect: 'InSync',
  },
  { group: 'cluster', source: `${KUBECTL}: ClusterRole (cluster-scoped)`, name: 'a namespace written in Git is dropped by the server', desired: with_(role, (o) => (o.metadata.namespace = 'shop')), live: served(role, {}, false), expect: 'InSync' },
  {
    group: 'cluster',
    source: `${KUBECTL}: Namespace (cluster-scoped)`,
    name: 'a namespace field on a Namespace',
    desired: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'default', labels: { team: 'shop' } } },
    live: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'shop', 'kubernetes.io/metadata.name': 'shop' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: CustomResourceDefinition (cluster-scoped)`,
    name: 'a namespace from kustomize on a CRD',
    desired: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com', namespace: 'shop' }, spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced' } },
    live: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com', uid: 'u', generation: 1 },
      spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets', listKind: 'WidgetList', singular: 'widget' }, scope: 'Namespaced', conversion: { strategy: 'None' } },
      status: { acceptedNames: { kind: 'Widget', plural: 'widgets' } },
    },
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap with keys JavaScript objects inherit`,
    name: 'constructor, toString and __proto__ as ordinary keys',
    desired: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: words\n  namespace: shop\n  labels:\n    toString: "yes"\ndata:\n  constructor: builder\n  toString: text\n  __proto__: base\n',
    live: served(with_(configMap('words', {}), (o) => (o.metadata.labels = { toString: 'yes' }))),
    expect: 'Drifted',
    paths: ['/data/constructor', '/data/toString', '/data/__proto__'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap with keys JavaScript objects inherit (in sync)`,
    name: 'constructor, toString and __proto__ equal live',
    desired: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: words\n  namespace: shop\ndata:\n  constructor: builder\n  toString: text\n  __proto__: base\n',
    live: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"words","namespace":"shop"},"data":{"constructor":"builder","toString":"text","__proto__":"base"}}',
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment from a Helm chart that was not rendered`,
    name: 'image: "{{ .Values.image }}"',
    desired: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
    live: servedWeb,
    expect: 'Unknown',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap from a template that was not rendered`,
    name: 'a templated key',
    desired: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: shop\ndata:\n  "{{ .Values.key }}": "on"\n',
    live: served(configMap('shop-config', { FEATURE_X: 'on' })),
    expect: 'Unknown',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: ConfigMap holding alert templates`,
    name: 'literal {{ $labels.instance }} equal live',
    desired: configMap('alert-templates', { summary: '{{ $labels.instance }} is down' }),
    live: served(configMap('alert-templates', { summary: '{{ $labels.instance }} is down' })),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Secret written with stringData`,
    name: 'stringData equal to the live data',
    desired: secret('db', { stringData: { password: 'hunter2', url: 'postgres://db:5432' } }),
    live: served(secret('db', { data: { password: b64('hunter2'), url: b64('postgres://db:5432') } })),
    expect: 'InSync',
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Secret written with stringData (rotated live)`,
    name: 'password rotated by hand',
    desired: secret('db', { stringData: { password: 'hunter2' } }),
    live: served(secret('db', { data: { password: b64('rotated!') } })),
    expect: 'Drifted',
    paths: ['/stringData/password'],
  },
  {
    group: 'cluster',
    source: `${KUBECTL}: Deployment with metadata.finalizers`,
    name: 'finalizers in another order (a set)',
    desired: with_(web, (o) => (o.metadata.finalizers = ['acme.io/cleanup', 'acme.io/backup'])),
    live: with_(servedWeb, (o) => (o.metadata.finalizers = ['acme.io/backup', 'acme.io/cleanup'])),
    expect: 'InSync',
  },
];

export const PEER_CORPUS: readonly PeerCase[] = [...gitopsEngine, ...argoCd, ...fluxCases, ...cluster];
