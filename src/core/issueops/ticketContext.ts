/**
 * What the editor knows when a ticket is opened from a resource, a drift or a
 * selection; it prefills matching form fields. Every part is optional.
 */
export interface TicketContext {
  env?: string;
  resource?: { kind: string; name: string; namespace?: string };
  /** `app.kubernetes.io/name` label, else the resource name. */
  app?: string;
  /** Full image reference and its tag/version. */
  image?: string;
  version?: string;
  /** Branch or commit the desired state is on. */
  gitRef?: string;
  /** Drift found, one line per field (`spec.replicas: desired 3, live 2`). */
  drift?: string[];
  /** Text selected in the editor. */
  selection?: string;
  /** youops.yaml operation that led here (e.g. `access`). */
  operation?: string;
}

/** Reads app, image and version from a Kubernetes object (first container). */
export function contextFromObject(object: unknown): Pick<TicketContext, 'app' | 'image' | 'version'> {
  const o = (object ?? {}) as { metadata?: { name?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };
  const labels = o.metadata?.labels ?? {};
  const app = labels['app.kubernetes.io/name'] ?? labels.app ?? o.metadata?.name;
  const podSpec = (o.spec?.template as { spec?: { containers?: Array<{ image?: string }> } } | undefined)?.spec ?? (o.spec as { containers?: Array<{ image?: string }> } | undefined);
  const image = podSpec?.containers?.find((c) => typeof c.image === 'string')?.image;
  const version = labels['app.kubernetes.io/version'] ?? (image ? imageTag(image) : undefined);
  return { app, image, version };
}

/** `ghcr.io/acme/web:1.4.2` → `1.4.2`; digests are kept whole. */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : undefined;
}
