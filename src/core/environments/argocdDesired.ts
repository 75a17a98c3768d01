import type { ManifestResource } from '../manifests/manifestResource';
import { resourceIdOf, resourceKey, versionlessKey } from '../manifests/resourceId';
import { ZERO_RANGE } from '../text/range';

/**
 * Argo CD's own rendering as the desired state (`desired: argocd`): each targetState object,
 * placed where the workspace renders the same object (group, kind, namespace and name), with
 * that resource's file, lines and trace, so drift still points at the line to edit. Objects no
 * workspace file renders (a Helm chart, a plugin) have no file (`file: ''`).
 */
export function desiredFromArgoCd(targets: readonly unknown[], workspace: readonly ManifestResource[]): ManifestResource[] {
  const byKey = new Map<string, ManifestResource>();
  const byKindName = new Map<string, ManifestResource[]>();
  for (const r of workspace) {
    byKey.set(versionlessKey(r.id), r);
    const kn = versionlessKey({ ...r.id, namespace: undefined });
    byKindName.set(kn, [...(byKindName.get(kn) ?? []), r]);
  }
  return targets.flatMap((object): ManifestResource[] => {
    const id = resourceIdOf(object);
    if (!id) return [];
    // A workspace manifest without a namespace renders into the app's destination namespace.
    const candidates = byKindName.get(versionlessKey({ ...id, namespace: undefined })) ?? [];
    const match = byKey.get(versionlessKey(id)) ?? (candidates.length === 1 && !candidates[0].id.namespace ? candidates[0] : undefined);
    const key = resourceKey(id);
    if (!match) return [{ id, key, file: '', docIndex: 0, range: ZERO_RANGE, object, fields: new Map() }];
    return [{ ...match, id, key, object }];
  });
}
