/**
 * Staging has resources prod lacks: a second document of a file prod has (web.yaml), a
 * file prod lacks (cache.yaml, two documents) and one in a namespace no shared resource
 * shows prod's counterpart of (monitor.yaml).
 */
export const NEW_RESOURCES: Record<string, string> = {
  'youops.yaml': 'version: 1\nenvironments:\n  - name: staging\n    manifests: envs/staging\n  - name: prod\n    manifests: envs/prod\n    promotesFrom: staging\n',
  'envs/staging/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.yaml\n  - cache.yaml\n  - monitor.yaml\n',
  'envs/staging/web.yaml': [
    '# The storefront.',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop-staging',
    'spec:',
    '  replicas: 2',
    '---',
    '# Scraped by Prometheus.',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web-metrics',
    '  namespace: "shop-staging"',
    'spec:',
    '  ports: [{ port: 9090 }]',
    '',
  ].join('\n'),
  'envs/staging/cache.yaml': [
    '# Session cache: sessions survive a web rollout.',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: cache',
    '  namespace: shop-staging   # per environment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: redis',
    '          image: redis:7.2 # pinned',
    '          args:',
    '            - --save ""',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: cache',
    '  namespace: shop-staging',
    'spec:',
    '  ports:',
    '    - port: 6379',
    '',
  ].join('\n'),
  'envs/staging/monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: shop\n  namespace: monitoring\nspec:\n  endpoints:\n    - port: metrics\n',
  'envs/prod/kustomization.yaml': '# prod: reviewed by the SRE team\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.yaml   # the storefront\n\n# no generators here\n',
  'envs/prod/web.yaml': '# The storefront.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop-prod\nspec:\n  replicas: 4\n',
};

/** What each file of prod holds once everything staging adds is promoted. */
export const NEW_RESOURCES_PROMOTED: Record<string, string> = {
  'envs/prod/web.yaml':
    NEW_RESOURCES['envs/prod/web.yaml'] +
    '---\n# Scraped by Prometheus.\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-metrics\n  namespace: "shop-prod"\nspec:\n  ports: [{ port: 9090 }]\n',
  'envs/prod/cache.yaml': NEW_RESOURCES['envs/staging/cache.yaml'].replace('namespace: shop-staging   # per', 'namespace: shop-prod   # per').replace('  namespace: shop-staging\nspec:\n  ports:', '  namespace: shop-prod\nspec:\n  ports:'),
  'envs/prod/monitor.yaml': NEW_RESOURCES['envs/staging/monitor.yaml'],
  'envs/prod/kustomization.yaml': NEW_RESOURCES['envs/prod/kustomization.yaml'].replace('  - web.yaml   # the storefront\n', '  - web.yaml   # the storefront\n  - cache.yaml\n  - monitor.yaml\n'),
};
