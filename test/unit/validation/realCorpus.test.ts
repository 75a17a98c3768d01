import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from './helpers';

/**
 * Real public manifests (test/fixtures/validation/real/SOURCES.md names each one's repository,
 * path and commit), with the verdict kubeconform v0.6.3 -strict gives on the same Kubernetes 1.36
 * data: `[line, message pattern]` per error, [] for a valid file.
 */
const EXPECTED: Record<string, Array<[number, RegExp]>> = {
  // yannh/kubeconform fixtures/
  'kubeconform/annotation_key_invalid.yaml': [],
  'kubeconform/annotation_missing_value.yaml': [], // `some-key:` — a null annotation value decodes as ""
  'kubeconform/annotation_null_value.yaml': [],
  // kubeconform: key "containers" already set in map — and it stops there; YouOps validates the rest with the
  // value kubectl uses, and finds the DaemonSet's `replicas` that kubeconform reports in extra_property.yaml.
  'kubeconform/duplicate_property.yaml': [
    [7, /spec: unknown field "replicas"/],
    [16, /duplicate key "containers" \(first at line 13\)/],
  ],
  'kubeconform/extra_property.yaml': [[7, /spec: unknown field "replicas"/]],
  'kubeconform/generate_name.yaml': [],
  'kubeconform/list_empty_valid.yaml': [],
  'kubeconform/metadata_extra.yaml': [[6, /metadata: unknown field "annotation" — did you mean "annotations"\?/]],
  'kubeconform/metadata_missing.yaml': [],
  'kubeconform/missing_apiversion.yaml': [[1, /kind ReplicationController has no apiVersion — add apiVersion: v1/]], // kubeconform: missing 'apiVersion' key
  'kubeconform/multi_with_list.yaml': [],
  'kubeconform/null_array.yaml': [], // `args:` with only comments under it: null
  'kubeconform/valid.json': [],
  'kubeconform/valid_1.yaml': [],
  // kubeconform reports "could not find schema" for these two; YouOps reports the CRD as information
  // (an error with --strict-kinds) and validates a KRM ResourceList's items, which are ordinary resources.
  'kubeconform/expected_unkown_field.yaml': [],
  'kubeconform/krm.yaml': [],
  // The Kubernetes documentation's StatefulSet tutorial: volumeClaimTemplates[] need no apiVersion/kind.
  'kubernetes-website/web.yaml': [],
  'flux2-kustomize-helm-example/db.yaml': [],
  'flux2-kustomize-helm-example/release.yaml': [],
  'argocd-example-apps/sync-waves.yaml': [], // a Helm template: not validated (a hint in the editor)
};

interface JsonReport {
  files: Array<{ file: string; diagnostics: Array<{ line: number; severity: string; message: string }> }>;
}

async function report(...args: string[]): Promise<JsonReport> {
  let out = '';
  await runCli(['validate', '.', '--format', 'json', ...args, '--cwd', path.join(FIXTURES, 'real')], { out: (t) => (out += t), err: (t) => (out += t) });
  return JSON.parse(out) as JsonReport;
}

describe('real manifests from public repositories: the same verdicts as kubeconform -strict', () => {
  it('every file is read, and errors are exactly kubeconform’s (no false positives, no false negatives)', async () => {
    const { files } = await report();
    assert.deepEqual(files.map((f) => f.file).sort(), Object.keys(EXPECTED).sort());
    for (const f of files) {
      const errors = f.diagnostics.filter((d) => d.severity === 'error');
      const expected = EXPECTED[f.file];
      assert.equal(errors.length, expected.length, `${f.file}: ${JSON.stringify(errors)}`);
      expected.forEach(([line, pattern], i) => {
        assert.equal(errors[i].line, line, `${f.file}: ${errors[i].message}`);
        assert.match(errors[i].message, pattern, f.file);
      });
    }
  });

  it('with --strict-kinds the CRD without schema is an error too, as kubeconform without -ignore-missing-schemas', async () => {
    const { files } = await report('--strict-kinds');
    const mapping = files.find((f) => f.file === 'kubeconform/expected_unkown_field.yaml')!;
    assert.deepEqual(
      mapping.diagnostics.map((d) => [d.severity, d.message]),
      [['error', 'no schema for getambassador.io/v2/Mapping; not validated (read CRDs from the cluster or add a schema association)']],
    );
  });
});
