import type { ResourceDrift } from '../drift/environmentDrift';
import { isRecord } from '../manifests/resourceId';

/** What a command template can be filled from: where the user stood when sending it. */
export interface CommandContext {
  env?: string;
  app?: string;
  ref?: string;
  resource?: string;
  version?: string;
}

/**
 * The context a resource gives: its app (label `app.kubernetes.io/name`, else `app`, else the
 * name), its identity and its version (the tag of its first container image, desired state first).
 */
export function contextFromResource(env: string, r: ResourceDrift): CommandContext {
  const object = r.resource?.object ?? r.live;
  const labels = labelsOf(object);
  return {
    env,
    app: labels['app.kubernetes.io/name'] ?? labels.app ?? r.id.name,
    // kubectl's spelling (`deployment/web`): what bots that wrap kubectl expect.
    resource: `${r.id.kind.toLowerCase()}/${r.id.name}`,
    version: imageTag(object),
  };
}

function labelsOf(object: unknown): Record<string, string> {
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  return meta && isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {};
}

/** Looks through Pod specs wherever workloads keep them (Deployment, CronJob, Pod). */
function imageTag(object: unknown): string | undefined {
  const spec = isRecord(object) ? object.spec : undefined;
  const podSpecs = [
    isRecord(spec) ? spec : undefined,
    pick(spec, 'template', 'spec'),
    pick(spec, 'jobTemplate', 'spec', 'template', 'spec'),
  ];
  for (const podSpec of podSpecs) {
    const containers = isRecord(podSpec) && Array.isArray(podSpec.containers) ? podSpec.containers : [];
    const image = containers.map((c) => (isRecord(c) && typeof c.image === 'string' ? c.image : undefined)).find(Boolean);
    if (image) return tagOf(image);
  }
  return undefined;
}

function pick(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);
}

/** `ghcr.io/acme/api:2.1.0` → `2.1.0`; a digest-pinned image yields its short digest. */
export function tagOf(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 1 + 'sha256:'.length + 12);
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}
