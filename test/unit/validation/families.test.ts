import * as assert from 'node:assert/strict';
import { diagnosticsOf, summary } from './helpers';

const META = 'metadata:\n  name: x\n  namespace: argocd\n';

describe('validation: Argo CD, Flux, Kustomize, issue forms, youops.yaml', () => {
  const cases: Array<{ name: string; valid: string; invalid: string; expected: Array<[number, string]>; fileName?: string }> = [
    {
      name: 'Argo CD Application',
      valid: `apiVersion: argoproj.io/v1alpha1\nkind: Application\n${META}spec:\n  project: default\n  source:\n    repoURL: https://example.com/repo.git\n    targetRevision: HEAD\n    path: apps\n    helm:\n      valuesObject: {anything: [1, 2]}\n  destination: {server: https://kubernetes.default.svc, namespace: shop}\n`,
      invalid: `apiVersion: argoproj.io/v1alpha1\nkind: Application\n${META}spec:\n  project: default\n  source:\n    repoUrl: https://example.com/repo.git\n  destination: {server: https://kubernetes.default.svc}\n`,
      expected: [
        [7, 'spec.source: missing required field "repoURL"'],
        [8, 'spec.source: unknown field "repoUrl" — did you mean "repoURL"?'],
      ],
    },
    {
      name: 'Argo CD ApplicationSet',
      valid: `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n${META}spec:\n  generators:\n    - matrix:\n        generators:\n          - git: {repoURL: https://e.com/r.git, revision: HEAD, directories: [{path: apps/*}]}\n          - list: {elements: [{env: dev}]}\n  template:\n    metadata: {name: '{{path.basename}}'}\n    spec:\n      project: default\n      source: {repoURL: https://e.com/r.git, path: '{{path}}'}\n      destination: {server: https://kubernetes.default.svc}\n`,
      invalid: `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n${META}spec:\n  generators:\n    - lst: {elements: []}\n  template:\n    metadata: {}\n    spec: {project: default, destination: {}}\n`,
      expected: [[7, 'spec.generators[0]: unknown field "lst" — did you mean "list"?']],
    },
    {
      name: 'Argo CD AppProject',
      valid: `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\n${META}spec:\n  sourceRepos: ['*']\n  destinations: [{namespace: '*', server: '*'}]\n`,
      invalid: `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\n${META}spec:\n  sourceRepos: '*'\n`,
      expected: [[6, 'spec.sourceRepos: expected list, got string "*"']],
    },
    {
      name: 'Flux Kustomization',
      valid: `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n${META}spec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  sourceRef: {kind: GitRepository, name: repo}\n`,
      invalid: `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n${META}spec:\n  interval: 10m\n  prune: "yes"\n  sourceRef: {kind: GitRepository, name: repo}\n`,
      expected: [[7, 'spec.prune: expected boolean, got string "yes"']],
    },
    {
      name: 'Flux HelmRelease',
      valid: `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n${META}spec:\n  interval: 5m\n  chart:\n    spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}\n  values: {replicaCount: 2}\n`,
      invalid: `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n${META}spec:\n  interval: 5m\n  chart:\n    spec: {chart: podinfo, sourceRef: {kind: HelmRepo, name: podinfo}}\n`,
      expected: [[8, 'spec.chart.spec.sourceRef.kind: string "HelmRepo" is not allowed (one of "HelmRepository", "GitRepository", "Bucket")']],
    },
    {
      name: 'Flux GitRepository',
      valid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n${META}spec:\n  interval: 1m\n  url: https://github.com/o/r\n  ref: {branch: main}\n`,
      invalid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n${META}spec:\n  interval: 1m\n  ref: {branch: main}\n`,
      expected: [[5, 'spec: missing required field "url"']],
    },
    {
      name: 'Flux HelmRepository',
      valid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\n${META}spec:\n  interval: 1h\n  url: https://stefanprodan.github.io/podinfo\n`,
      invalid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\n${META}spec:\n  interval: 1h\n  url: https://x\n  type: git\n`,
      expected: [[8, 'spec.type: string "git" is not allowed (one of "default", "oci")']],
    },
    {
      name: 'Flux OCIRepository',
      valid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\n${META}spec:\n  interval: 5m\n  url: oci://ghcr.io/o/r\n  ref: {tag: latest}\n`,
      invalid: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\n${META}spec:\n  interval: 5m\n  url: oci://ghcr.io/o/r\n  ref: {tagg: latest}\n`,
      expected: [[8, 'spec.ref: unknown field "tagg" — did you mean "tag"?']],
    },
    {
      name: 'kustomization.yaml (by file name, without apiVersion/kind)',
      fileName: '/repo/envs/dev/kustomization.yaml',
      valid: `resources: [../../base]\nnamespace: dev\nimages:\n  - {name: shop/web, newTag: "1.2"}\nreplicas:\n  - {name: web, count: 2}\n`,
      invalid: `resources: [../../base]\nnamepsace: dev\nreplicas:\n  - {name: web, count: two}\n`,
      expected: [
        [1, 'unknown field "namepsace" — did you mean "namespace"?'],
        [3, 'replicas[0].count: expected integer, got string "two"'],
      ],
    },
    {
      name: 'GitHub issue form (by path)',
      fileName: '/repo/.github/ISSUE_TEMPLATE/deploy.yml',
      valid: `name: Deploy\ndescription: Ask for a deploy\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n    validations: {required: true}\n  - type: markdown\n    attributes: {value: Thanks}\n`,
      invalid: `name: Deploy\ndescription: Ask for a deploy\nbody:\n  - type: dropdown\n    attributes: {label: Env}\n  - type: textbox\n    attributes: {label: X}\n`,
      expected: [
        [4, 'body[0].attributes: missing required field "options"'],
        [5, 'body[1].type: string "textbox" is not allowed (one of "markdown", "textarea", "input", "dropdown", "checkboxes", "upload")'],
      ],
    },
    {
      name: 'youops.yaml (by file name)',
      fileName: '/repo/youops.yaml',
      valid: `version: 1\nenvironments:\n  - name: dev\n    manifests: envs/dev\n`,
      invalid: `version: 1\nenvironments:\n  - name: dev\n    manifest: envs/dev\n`,
      expected: [
        [2, 'environments[0]: missing required field "manifests"'],
        [3, 'environments[0]: unknown field "manifest" — did you mean "manifests"?'],
      ],
    },
  ];

  for (const c of cases) {
    it(`${c.name}: valid sample has no findings, invalid sample is located`, async () => {
      assert.deepEqual(summary(await diagnosticsOf(c.valid, { fileName: c.fileName })), []);
      const got = summary(await diagnosticsOf(c.invalid, { fileName: c.fileName }));
      assert.deepEqual(got.sort(), [...c.expected].sort());
    });
  }
});
