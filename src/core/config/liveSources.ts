/** A JSON Schema fragment, as it appears in schemas/youops.schema.json. */
export type SchemaFragment = Record<string, unknown>;

interface LiveSourceDescriptor<Value, Settings> {
  /** The schema of `live: { <kind>: <value> }`'s value. */
  schema: SchemaFragment;
  /** The shape-checked value → the source's settings. */
  parse(value: Value): Settings;
  /** The host a credential for this source may be sent to (its secret is looked up by kind and this host). */
  secretHost?(settings: Settings): string;
}

const source = <Value, Settings>(d: LiveSourceDescriptor<Value, Settings>) => d;

/**
 * Every kind of live source youops.yaml can name, in one table: its schema, how its value
 * becomes settings and, for a source that sends a credential, the host it is sent to.
 * The config union (`LiveSource`), the shipped schema (`npm run generate:config-schema`
 * writes it; a unit test holds them together), the provider factory (live/createProvider,
 * exhaustive over these kinds) and the secret lookup derive from it. A new source is an
 * entry here, its provider, its factory entry and the regenerated schema.
 */
export const LIVE_SOURCES = {
  snapshot: source({
    schema: {
      type: 'string',
      minLength: 1,
      description:
        'Folder or file of live objects exported as YAML/JSON (e.g. by CI). The deployed revision, when exported too, is read from REVISION inside the folder or <name>.revision beside the file.',
    },
    parse: (path: string) => ({ path }),
  }),
  gitRef: source({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['ref'],
      properties: {
        ref: { type: 'string', minLength: 1, description: 'Tag or branch that records what is deployed.' },
        path: { type: 'string', description: "Manifests path at that ref. Default: the environment's manifests." },
      },
    },
    parse: (v: { ref: string; path?: string }) => ({ ...v }),
  }),
  command: source({
    schema: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'A process (argv, no shell) printing the live objects as YAML/JSON. Trusted workspaces only.' },
    parse: (argv: string[]): { argv: string[]; timeoutMs?: number } => ({ argv }),
  }),
  kubectl: source({
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { context: { type: 'string' }, namespace: { type: 'string' }, kubeconfig: { type: 'string' } },
    },
    parse: (v: { context?: string; namespace?: string; kubeconfig?: string }) => ({ ...v }),
  }),
  argocd: source({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['server', 'app'],
      properties: {
        server: { type: 'string', format: 'uri' },
        app: { type: 'string' },
        appNamespace: {
          type: 'string',
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          maxLength: 63,
          description: "Namespace of the Application when it is not Argo CD's own (apps in any namespace). Default: Argo CD's namespace.",
        },
        insecure: { type: 'boolean' },
        desired: {
          enum: ['workspace', 'argocd'],
          description:
            "What live state is compared with: `workspace` (default) the manifests in the workspace, rendered by kustomize; `argocd` Argo CD's own rendering (its targetState, covering Helm charts, plugins and kustomize versions this machine lacks), mapped back to workspace files where an object matches one.",
        },
      },
    },
    parse: (v: { server: string; app: string; appNamespace?: string; insecure?: boolean; desired?: 'workspace' | 'argocd' }) => ({ ...v }),
    secretHost: (s) => s.server,
  }),
  flux: source({
    schema: {
      type: 'object',
      additionalProperties: false,
      description:
        'A Flux Kustomization or HelmRelease read through kubectl (your kubeconfig and context): its Ready state, applied revision and, for a Kustomization, every object of its inventory. Trusted workspaces only.',
      oneOf: [{ required: ['kustomization'] }, { required: ['helmRelease'] }],
      properties: {
        kustomization: { type: 'string', minLength: 1, description: 'Name of the Flux Kustomization (kustomize.toolkit.fluxcd.io) that applies this environment.' },
        helmRelease: { type: 'string', minLength: 1, description: 'Name of the Flux HelmRelease (helm.toolkit.fluxcd.io) that deploys this environment.' },
        namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63, default: 'flux-system', description: 'Namespace of the Flux object.' },
        context: { type: 'string', description: "kubectl context. Default: the kubeconfig's current context." },
        kubeconfig: { type: 'string', description: "Kubeconfig file (absolute, relative to this file, or ~/…). Default: kubectl's own (KUBECONFIG, ~/.kube/config)." },
      },
    },
    parse: ({ kustomization, helmRelease, ...rest }: { kustomization?: string; helmRelease?: string; namespace?: string; context?: string; kubeconfig?: string }) => ({
      kind: (kustomization !== undefined ? 'Kustomization' : 'HelmRelease') as 'Kustomization' | 'HelmRelease',
      name: kustomization ?? helmRelease ?? '',
      ...rest,
    }),
  }),
};

export type LiveProviderName = keyof typeof LIVE_SOURCES;

/** Where the live state of one environment comes from (exactly one provider). */
export type LiveSource = { [K in LiveProviderName]: { provider: K } & ReturnType<(typeof LIVE_SOURCES)[K]['parse']> }[LiveProviderName];

/** The settings of one kind of source. */
export type LiveSourceOf<K extends LiveProviderName> = Extract<LiveSource, { provider: K }>;

export const LIVE_PROVIDER_NAMES = Object.keys(LIVE_SOURCES) as LiveProviderName[];

export function isLiveProviderName(name: string): name is LiveProviderName {
  return Object.hasOwn(LIVE_SOURCES, name);
}

/** `live: { <kind>: value }` (shape-checked) → the source; undefined for a kind no entry describes. */
export function parseLiveSource(live: Record<string, unknown>): LiveSource | undefined {
  const [provider, value] = Object.entries(live)[0] ?? [];
  if (provider === undefined || !isLiveProviderName(provider)) return undefined;
  const descriptor = LIVE_SOURCES[provider] as LiveSourceDescriptor<unknown, object>;
  return { provider, ...descriptor.parse(value) } as LiveSource;
}

/** The host the source's credential goes to, if it sends one: the secret lookup's key. */
export function liveSecretHost(source: LiveSource): string | undefined {
  const descriptor = LIVE_SOURCES[source.provider] as LiveSourceDescriptor<unknown, LiveSource>;
  return descriptor.secretHost?.(source);
}

/** The `definitions.live` schema of youops.yaml: exactly one of the kinds above. */
export function liveSchema(): SchemaFragment {
  return {
    type: 'object',
    description: 'Where the live state comes from: exactly one provider.',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: Object.fromEntries(LIVE_PROVIDER_NAMES.map((k) => [k, LIVE_SOURCES[k].schema])),
  };
}
