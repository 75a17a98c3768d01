import type { Finding } from './describeErrors';

/**
 * What kustomize makes of a file, as far as validation cares (the hook between schema
 * validation and kustomize rendering; see core/kustomize/patchFiles for who decides):
 * - a file a kustomization uses as a strategic-merge patch is a partial object: fields the
 *   schema requires come from the resource it patches, and `$patch`-style directives are
 *   kustomize's, so neither is a finding; unknown fields and wrong types still are;
 * - in kustomization.yaml, a plain string under `patches:` is the legacy form that kustomize
 *   v5 rejects ("cannot unmarshal string into … types.Patch"): said so, with the fix.
 */
export function kustomizeAwareFindings<F extends Finding>(findings: F[], value: unknown, options: { partialObject?: boolean; kustomization?: boolean }): F[] {
  let out = findings;
  if (options.partialObject) out = out.filter((f) => f.code !== 'required' && !(f.code === 'unknown-field' && f.key?.startsWith('$')));
  if (options.kustomization) out = out.map((f) => legacyPatchEntry(f, value) ?? f);
  return out;
}

function legacyPatchEntry<F extends Finding>(f: F, value: unknown): F | undefined {
  const m = /^\/patches\/(\d+)$/.exec(f.pointer);
  if (!m || f.code !== 'type') return undefined;
  const patches = (value as { patches?: unknown } | null)?.patches;
  const entry = Array.isArray(patches) ? patches[Number(m[1])] : undefined;
  if (typeof entry !== 'string') return undefined;
  return {
    ...f,
    message: `patches[${m[1]}]: kustomize v5 reads each patches entry as a map and rejects a plain file name; write "path: ${entry}" (plain names are the legacy patchesStrategicMerge form)`,
    fix: { kind: 'value', title: `Change to "path: ${entry}"`, replacement: `path: ${entry}` },
  };
}
