import * as assert from 'node:assert/strict';
import { fieldEdit } from '../../../src/core/gitops/fieldEdit';
import { GitOpsError } from '../../../src/core/gitops/gitOpsError';
import { applyTextEdits } from '../../../src/core/gitops/textEdits';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

const DEPLOYMENT = `# web, the storefront
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # keep me
  labels:
    app.kubernetes.io/version: "1.4.1"
    tier: 'front'
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.1 # pinned by release
          args: ["--port", "8080"]
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            limits:
              memory: 512Mi

      # trailing comment block stays
`;

function edit(text: string, pointer: string, value: unknown): string {
  const [resource] = parseManifestText(text, 'web.yaml').resources;
  const old = pointer.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], resource.object);
  return applyTextEdits(text, [fieldEdit(text, resource, pointer, old, value)]);
}

function refused(fn: () => unknown, kind: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof GitOpsError && err.kind === kind && message.test(err.message));
}

describe('editing YAML values in the source (gitops/fieldEdit)', () => {
  it('replaces a plain scalar and leaves every other byte, including the trailing comment on its line', () => {
    const out = edit(DEPLOYMENT, '/spec/template/spec/containers/0/image', 'ghcr.io/acme/web:1.4.2');
    assert.equal(out, DEPLOYMENT.replace('web:1.4.1 # pinned', 'web:1.4.2 # pinned'));
  });

  it('keeps double and single quotes as they were written', () => {
    assert.equal(edit(DEPLOYMENT, '/metadata/labels/app.kubernetes.io~1version', '1.4.2'), DEPLOYMENT.replace('"1.4.1"', '"1.4.2"'));
    assert.equal(edit(DEPLOYMENT, '/metadata/labels/tier', "it's"), DEPLOYMENT.replace("'front'", "'it''s'"));
  });

  it('quotes a plain value only when YAML would read it as something else', () => {
    assert.equal(edit(DEPLOYMENT, '/spec/template/spec/containers/0/env/0/value', 'true'), DEPLOYMENT.replace('value: info', 'value: "true"'));
    assert.equal(edit(DEPLOYMENT, '/spec/template/spec/containers/0/env/0/value', 'a # b'), DEPLOYMENT.replace('value: info', 'value: "a # b"'));
    assert.equal(edit(DEPLOYMENT, '/spec/replicas', 2), DEPLOYMENT.replace('replicas: 3', 'replicas: 2'));
  });

  it('rewrites a flow list as a flow list', () => {
    assert.equal(edit(DEPLOYMENT, '/spec/template/spec/containers/0/args', ['--port', '9090']), DEPLOYMENT.replace('["--port", "8080"]', '[--port, "9090"]'));
  });

  it('inserts a missing key after its last sibling, lined up with them', () => {
    const out = edit(DEPLOYMENT, '/spec/template/spec/containers/0/resources/limits/cpu', '500m');
    assert.equal(out, DEPLOYMENT.replace('              memory: 512Mi\n', '              memory: 512Mi\n              cpu: 500m\n'));
  });

  it('inserts a missing nested map as a block', () => {
    const out = edit(DEPLOYMENT, '/spec/strategy/rollingUpdate/maxSurge', 1);
    assert.equal(out, DEPLOYMENT.replace('              memory: 512Mi\n', '              memory: 512Mi\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n'));
  });

  it('appends a missing list item after the last item', () => {
    const out = edit(DEPLOYMENT, '/spec/template/spec/containers/0/env/1', { name: 'FEATURE_X', value: 'on' });
    assert.equal(out, DEPLOYMENT.replace('              value: info\n', '              value: info\n            - name: FEATURE_X\n              value: on\n'));
  });

  it('removes a key with its value lines', () => {
    const out = edit(DEPLOYMENT, '/spec/template/spec/containers/0/resources/limits/memory', undefined);
    assert.equal(out, DEPLOYMENT.replace('              memory: 512Mi\n', ''));
  });

  it('refuses template expressions, anchors and block scalars instead of guessing', () => {
    const templated = DEPLOYMENT.replace('ghcr.io/acme/web:1.4.1', '"ghcr.io/acme/web:{{ .Values.tag }}"');
    refused(() => edit(templated, '/spec/template/spec/containers/0/image', 'ghcr.io/acme/web:1.4.2'), 'templated', /template expression/);
    const anchored = DEPLOYMENT.replace('replicas: 3', 'replicas: &r 3');
    refused(() => edit(anchored, '/spec/replicas', 2), 'notEditable', /anchor/);
    const block = DEPLOYMENT.replace('value: info', 'value: |\n                multi\n                line');
    refused(() => edit(block, '/spec/template/spec/containers/0/env/0/value', 'x'), 'notEditable', /block scalar/);
  });
});
