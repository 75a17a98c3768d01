/**
 * A generated corpus of desired/live pairs with the noise a real API server adds
 * (status, managedFields, defaults, rewritten quantities, injected sidecars,
 * reordered lists, `creationTimestamp: null`) and drift injected at known paths.
 */
export interface DriftPair {
  desired: Record<string, unknown>;
  live: Record<string, unknown>;
  /** JSON pointers of the injected drift; empty = must be reported in sync. */
  injected: string[];
}

/** Small deterministic PRNG so every run measures the same corpus (and tests mutate the same texts). */
export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function generateDriftCorpus(count: number, seed = 42): DriftPair[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const pairs: DriftPair[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'Service', 'ConfigMap']);
    const name = `svc-${i}`;
    const desired = makeDesired(kind, name, i, rnd, pick);
    const live = serverize(clone(desired), kind, i, rnd, JSON.stringify(desired));
    const injected = rnd() < 0.1 ? injectDrift(kind, live, rnd) : [];
    pairs.push({ desired, live, injected });
  }
  return pairs;
}

function makeDesired(kind: string, name: string, i: number, rnd: () => number, pick: <T>(xs: T[]) => T): Record<string, unknown> {
  const metadata = { name, namespace: `team-${i % 7}`, labels: { 'app.kubernetes.io/name': name, tier: i % 2 ? 'web' : 'api' }, creationTimestamp: null };
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata, data: { LOG_LEVEL: 'info', FEATURE_X: 'false', URL: `https://svc-${i}.internal` } };
  if (kind === 'Service') {
    return { apiVersion: 'v1', kind, metadata, spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9090 }] } };
  }
  const containers: Array<Record<string, unknown>> = [
    {
      name: 'app',
      image: `ghcr.io/acme/${name}:1.${i % 10}.${i % 7}`,
      ports: [{ containerPort: 8080 }, { containerPort: 9090, protocol: 'TCP' }],
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'POOL', value: String(i % 13) },
      ],
      resources: { requests: { cpu: pick(['100m', '250m', 0.5]), memory: pick(['128Mi', '256Mi']) }, limits: { cpu: pick(['1000m', 1, '2']), memory: pick(['1024Mi', '512Mi', '2Gi']) } },
    },
  ];
  if (rnd() < 0.3) containers.push({ name: 'log-shipper', image: 'fluent/fluent-bit:3.1', args: ['-c', '/etc/fb.conf'] });
  const spec: Record<string, unknown> = {
    replicas: 1 + (i % 4),
    selector: { matchLabels: { 'app.kubernetes.io/name': name } },
    template: { metadata: { labels: { 'app.kubernetes.io/name': name }, creationTimestamp: null }, spec: { containers } },
  };
  if (kind === 'StatefulSet') spec.serviceName = name;
  return { apiVersion: 'apps/v1', kind, metadata, spec };
}

/** What `kubectl get -o yaml` returns for an object that was applied unchanged. */
function serverize(o: Record<string, unknown>, kind: string, i: number, rnd: () => number, applied: string): Record<string, unknown> {
  const md = o.metadata as Record<string, unknown>;
  md.creationTimestamp = '2026-11-01T10:00:00Z';
  md.uid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  md.resourceVersion = String(100000 + i);
  md.generation = 2;
  md.managedFields = [
    { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: o.apiVersion, time: '2026-11-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } }, 'f:spec': {} } },
    ...(kind === 'ConfigMap' ? [] : [{ manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', apiVersion: o.apiVersion, time: '2026-11-01T10:00:05Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } }]),
  ];
  // What `kubectl apply` records: the applied manifest, as JSON.
  md.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': applied };
  if (kind === 'ConfigMap') return o;
  const spec = o.spec as Record<string, unknown>;
  if (kind === 'Service') {
    Object.assign(spec, { clusterIP: `10.96.${i % 250}.${i % 200}`, clusterIPs: [`10.96.${i % 250}.${i % 200}`], type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
    for (const p of spec.ports as Array<Record<string, unknown>>) {
      p.protocol = 'TCP';
      p.targetPort ??= p.port;
    }
    if (rnd() < 0.5) (spec.ports as unknown[]).reverse();
    o.status = { loadBalancer: {} };
    return o;
  }
  Object.assign(spec, { revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  const template = spec.template as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  template.metadata.creationTimestamp = null;
  Object.assign(template.spec, { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
  const containers = template.spec.containers as Array<Record<string, unknown>>;
  for (const c of containers) {
    Object.assign(c, { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    c.resources ??= {};
    for (const p of (c.ports as Array<Record<string, unknown>>) ?? []) p.protocol = 'TCP';
    const res = c.resources as Record<string, Record<string, unknown>>;
    for (const group of Object.values(res)) for (const [k, v] of Object.entries(group)) group[k] = canonicalQuantity(v);
  }
  if (rnd() < 0.4) {
    // Istio's injector adds its sidecar and records it in the pod template's status annotation.
    containers.unshift({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.1', imagePullPolicy: 'IfNotPresent' });
    template.metadata.annotations = { 'sidecar.istio.io/status': '{"initContainers":null,"containers":["istio-proxy"],"volumes":["istio-envoy"],"revision":"default"}' };
  }
  if (containers.length > 2 && rnd() < 0.5) containers.reverse();
  o.status = { observedGeneration: 2, replicas: spec.replicas, readyReplicas: spec.replicas, conditions: [{ type: 'Available', status: 'True' }] };
  return o;
}

/** The API server's canonical form: 1000m → "1", 0.5 → "500m", 1024Mi → "1Gi". */
function canonicalQuantity(v: unknown): unknown {
  const map: Record<string, string> = { '1000m': '1', '0.5': '500m', '1024Mi': '1Gi', '1': '1', '2': '2' };
  return map[String(v)] ?? String(v);
}

function injectDrift(kind: string, live: Record<string, unknown>, rnd: () => number): string[] {
  if (kind === 'ConfigMap') {
    (live.data as Record<string, string>).FEATURE_X = 'true';
    return ['/data/FEATURE_X'];
  }
  if (kind === 'Service') {
    (live.spec as Record<string, unknown>).selector = { 'app.kubernetes.io/name': 'other' };
    return ['/spec/selector/app.kubernetes.io~1name'];
  }
  const spec = live.spec as Record<string, unknown>;
  const containers = (spec.template as { spec: { containers: Array<Record<string, unknown>> } }).spec.containers;
  const app = containers.find((c) => c.name === 'app')!;
  switch (Math.floor(rnd() * 3)) {
    case 0:
      spec.replicas = (spec.replicas as number) + 5;
      return ['/spec/replicas'];
    case 1:
      app.image = String(app.image).replace(/:.*/, ':9.9.9-hotfix');
      return ['/spec/template/spec/containers/0/image'];
    default:
      (app.env as Array<Record<string, string>>)[0].value = 'debug';
      return ['/spec/template/spec/containers/0/env/0/value'];
  }
}
