/**
 * Deterministic corpus for the validation benchmark (issue 4): mixed-kind manifests, some with one
 * injected error each, plus big multi-document files for the edit and first-validation timings.
 */
export interface CorpusFile {
  name: string;
  text: string;
  /** Set when an error was injected (what kind, for the report). */
  injected?: string;
}

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const deployment = (n: string, r: () => number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${n}
  namespace: shop
  labels:
    app: ${n}
    tier: backend
  annotations:
    example.com/owner: team-${Math.floor(r() * 20)}
spec:
  replicas: ${1 + Math.floor(r() * 5)}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: ${n}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: ${n}
    spec:
      serviceAccountName: ${n}
      securityContext:
        runAsNonRoot: true
        fsGroup: 2000
      containers:
        - name: ${n}
          image: registry.example.com/shop/${n}:1.${Math.floor(r() * 40)}.0
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--log-level=info"]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
${Array.from({ length: 6 + Math.floor(r() * 8) }, (_, i) => `            - name: VAR_${i}\n              value: "value-${i}-${n}"`).join('\n')}
            - name: SECRET
              valueFrom:
                secretKeyRef:
                  name: ${n}-secret
                  key: token
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 1
              memory: 512Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
          volumeMounts:
            - name: config
              mountPath: /etc/${n}
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: ${n}-config
`;

const service = (n: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${n}
  namespace: shop
  labels:
    app: ${n}
spec:
  type: ClusterIP
  selector:
    app: ${n}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;

const configMap = (n: string, r: () => number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${n}-config
  namespace: shop
data:
${Array.from({ length: 5 + Math.floor(r() * 10) }, (_, i) => `  key${i}: "setting-${i}-${Math.floor(r() * 1000)}"`).join('\n')}
  app.properties: |
    server.port=8080
    feature.flag=${r() > 0.5}
`;

const ingress = (n: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${n}
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  tls:
    - hosts: [${n}.example.com]
      secretName: ${n}-tls
  rules:
    - host: ${n}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${n}
                port:
                  number: 80
`;

const cronJob = (n: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${n}-cleanup
  namespace: shop
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: registry.example.com/tools/cleanup:2.1
              args: [--older-than, 7d]
              resources:
                limits: {cpu: 200m, memory: 64Mi}
`;

const hpa = (n: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${n}
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${n}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;

const application = (n: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${n}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: main
    path: apps/${n}
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions: [CreateNamespace=true]
`;

const fluxKustomization = (n: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${n}
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/${n}
  prune: true
  sourceRef:
    kind: GitRepository
    name: gitops
  timeout: 2m
`;

const helmRelease = (n: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${n}
  namespace: shop
spec:
  interval: 5m
  chart:
    spec:
      chart: ${n}
      version: ">=1.0.0"
      sourceRef:
        kind: HelmRepository
        name: charts
  values:
    replicaCount: 2
    image: {tag: "1.2.3"}
`;

/** The injected mistakes: each is one error both validators should report on one line. */
const INJECTIONS: Array<[string, (t: string) => string]> = [
  ['string for an integer', (t) => t.replace(/replicas: \d+/, 'replicas: three')],
  ['unknown field', (t) => t.replace(/revisionHistoryLimit: 5/, 'revisionHistoryLimt: 5')],
  ['quoted number', (t) => t.replace(/containerPort: 8080/, 'containerPort: "8080"')],
  ['list for a mapping', (t) => t.replace(/  labels:\n    app: (\S+)\n    tier: backend/, '  labels: [app, tier]')],
  ['string for a boolean', (t) => t.replace(/readOnly: true/, 'readOnly: "yes"')],
];

/** 2,000 files, ~5,500 documents, ~6 MB, ~6% with one injected error (always in the Deployment). */
export function generateCorpus(files = 2000, seed = 7): CorpusFile[] {
  const r = rng(seed);
  const out: CorpusFile[] = [];
  for (let i = 0; i < files; i++) {
    const n = `svc-${i}`;
    const pick = r();
    let docs: string[];
    if (pick < 0.55) docs = [deployment(n, r), service(n), configMap(n, r)];
    else if (pick < 0.7) docs = [deployment(n, r), service(n), ingress(n), hpa(n)];
    else if (pick < 0.8) docs = [cronJob(n), configMap(n, r)];
    else if (pick < 0.9) docs = [application(n), fluxKustomization(n), helmRelease(n)];
    else docs = [deployment(n, r)];
    let text = docs.join('---\n');
    let injected: string | undefined;
    if (text.includes('kind: Deployment') && r() < 0.095) {
      const [label, inject] = INJECTIONS[Math.floor(r() * INJECTIONS.length)];
      const changed = inject(text);
      if (changed !== text) {
        text = changed;
        injected = label;
      }
    }
    out.push({ name: `manifests/${n}.yaml`, text, injected });
  }
  return out;
}

/** One multi-document file of about `lines` lines (Deployments, Services, ConfigMaps). */
export function generateBigFile(lines: number, seed = 11): string {
  const r = rng(seed);
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const d = [deployment(`big-${i}`, r), service(`big-${i}`), configMap(`big-${i}`, r)][i % 3];
    docs.push(d);
    count += d.split('\n').length;
  }
  return docs.join('---\n');
}
