import * as assert from 'node:assert/strict';
import { diagnosticsOf } from './helpers';

/** [line, severity, message, quick-fix replacement] for compact assertions. */
async function kindFindings(text: string, options = {}): Promise<Array<[number, string, string, string | undefined]>> {
  return (await diagnosticsOf(text, options)).map((d) => [d.range.start.line, d.severity, d.message, d.data?.replacement]);
}

// Versions and releases: Kubernetes' deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide/).
describe('apiVersion and kind as the API server reads them', () => {
  it('a built-in kind at a removed version is an error that names the release and the version to use', async () => {
    assert.deepEqual(await kindFindings('apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: web}\n'), [
      [0, 'error', 'Deployment apps/v1beta1 was removed in Kubernetes 1.16 — use apps/v1', 'apps/v1'],
    ]);
    assert.deepEqual(await kindFindings('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n'), [
      [0, 'error', 'Ingress extensions/v1beta1 was removed in Kubernetes 1.22 — use networking.k8s.io/v1', 'networking.k8s.io/v1'],
    ]);
    assert.deepEqual(await kindFindings('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\n'), [
      [0, 'error', 'CronJob batch/v1beta1 was removed in Kubernetes 1.25 — use batch/v1', 'batch/v1'],
    ]);
  });

  it('a built-in kind in the wrong group is an error with the apiVersion that serves it', async () => {
    assert.deepEqual(await kindFindings('apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n'), [
      [0, 'error', 'Deployment is not served at v1 in Kubernetes 1.36 — use apps/v1', 'apps/v1'],
    ]);
  });

  it('a misspelled built-in kind is an error with the kind meant', async () => {
    assert.deepEqual(await kindFindings('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n'), [[1, 'error', 'kind Deploymnet — did you mean Deployment?', 'Deployment']]);
    assert.deepEqual(await kindFindings('apiVersion: v1\nkind: configmap\nmetadata: {name: web}\n'), [[1, 'error', 'kind configmap — did you mean ConfigMap?', 'ConfigMap']]);
  });

  it('a removed kind without successor says what replaced it', async () => {
    const [f] = await kindFindings('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\n');
    assert.equal(f[1], 'error');
    assert.match(f[2], /PodSecurityPolicy was removed in Kubernetes 1\.25 — use Pod Security Admission/);
  });

  it('unknown CRD kinds stay informational, and are errors with strict kinds (kubeconform without -ignore-missing-schemas)', async () => {
    const crd = 'apiVersion: getambassador.io/v2\nkind: Mapping\nmetadata: {name: emissary}\nspec: {prefix: /}\n';
    assert.deepEqual((await kindFindings(crd)).map((f) => f[1]), ['information']);
    assert.deepEqual((await kindFindings(crd, { unknownKindSeverity: 'error' })).map((f) => f[1]), ['error']);
    // An unknown kind of a built-in group that resembles nothing is an unknown kind too, not a guess.
    assert.deepEqual((await kindFindings('apiVersion: v1\nkind: Config\nclusters: []\n')).map((f) => f[1]), ['information']);
  });

  it('an object without apiVersion, or with an empty kind, is an error (kubeconform fixture missing_apiversion.yaml)', async () => {
    const missing = 'kind: ReplicationController\nmetadata:\n  name: "bob"\nspec:\n  replicas: 2\n';
    assert.deepEqual(await kindFindings(missing), [[0, 'error', 'kind ReplicationController has no apiVersion — add apiVersion: v1', undefined]]);
    assert.deepEqual(await kindFindings('apiVersion: v1\nkind:\nmetadata: {name: a}\n'), [[1, 'error', 'apiVersion v1 has no kind (kind is empty)', undefined]]);
    assert.deepEqual(await kindFindings('apiVersion: v1\nkind: ""\nmetadata: {name: a}\n'), [[1, 'error', 'apiVersion v1 has no kind (kind is empty)', undefined]]);
    // A Helm values file with a top-level `kind:` switch (fluent-bit's chart) is not an object.
    assert.deepEqual((await kindFindings('kind: DaemonSet\nimage:\n  tag: 3.1\n')).map((f) => f[1]), ['information']);
  });

  it('items of a v1 List get the same checks', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1beta2\n    kind: StatefulSet\n    metadata: {name: db}\n';
    assert.deepEqual(await kindFindings(list), [[3, 'error', 'StatefulSet apps/v1beta2 was removed in Kubernetes 1.16 — use apps/v1', 'apps/v1']]);
  });
});
