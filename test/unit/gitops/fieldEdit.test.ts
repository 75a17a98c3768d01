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

  it('refuses template expressions and anchored or aliased values (block scalars too) instead of guessing', () => {
    const templated = DEPLOYMENT.replace('ghcr.io/acme/web:1.4.1', '"ghcr.io/acme/web:{{ .Values.tag }}"');
    refused(() => edit(templated, '/spec/template/spec/containers/0/image', 'ghcr.io/acme/web:1.4.2'), 'templated', /template expression/);
    const anchored = DEPLOYMENT.replace('replicas: 3', 'replicas: &r 3');
    refused(() => edit(anchored, '/spec/replicas', 2), 'notEditable', /anchor/);
    const anchoredBlock = DEPLOYMENT.replace('value: info', 'value: &motd |\n                multi\n                line');
    refused(() => edit(anchoredBlock, '/spec/template/spec/containers/0/env/0/value', 'x\n'), 'notEditable', /anchor or alias/);
    const aliased = CONFIG.replace('  last: end\n', '  again: *s\n  last: end\n').replace('script: |', 'script: &s |');
    refused(() => edit(aliased, '/data/again', 'x\n'), 'notEditable', /anchor or alias/);
  });
});

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  script: |  # run at start
    set -e
    echo hi

  motd: >-
    Welcome to the
    shop.
  indented: |2
      two extra
    base
  keep: |+
    a

  items:
    - |
      first
    - x
  last: end
`;

describe('replacing block scalars (| and >) in the source (gitops/fieldEdit)', () => {
  const script = (body: string, header = '|') => CONFIG.replace('  script: |  # run at start\n    set -e\n    echo hi\n', `  script: ${header}  # run at start\n${body}`);

  it('rewrites a literal block in place: header, comment, indentation and the blank line after it kept', () => {
    assert.equal(edit(CONFIG, '/data/script', 'set -eu\necho bye\n'), script('    set -eu\n    echo bye\n'));
  });

  it('changes only the chomping indicator when the new value ends differently', () => {
    assert.equal(edit(CONFIG, '/data/script', 'x\ny'), script('    x\n    y\n', '|-'));
    // Keep chomping would read the blank line after the block as part of the value: it goes.
    assert.equal(edit(CONFIG, '/data/script', 'a\n\n\n'), script('    a\n\n\n', '|+').replace('    a\n\n\n\n', '    a\n\n\n'));
    assert.equal(edit(CONFIG, '/data/keep', 'b\n'), CONFIG.replace('  keep: |+\n    a\n\n', '  keep: |+\n    b\n'));
    assert.equal(edit(CONFIG, '/data/keep', 'b'), CONFIG.replace('  keep: |+\n    a\n\n', '  keep: |-\n    b\n'));
  });

  it('writes a folded block so that YAML folds it back to the value: single breaks doubled, indented lines as they are', () => {
    assert.equal(
      edit(CONFIG, '/data/motd', 'Welcome to the new shop.\nSee you.\n\nBye'),
      CONFIG.replace('    Welcome to the\n    shop.\n', '    Welcome to the new shop.\n\n    See you.\n\n\n    Bye\n'),
    );
    assert.equal(edit(CONFIG, '/data/motd', 'one long line that YAML must not fold'), CONFIG.replace('    Welcome to the\n    shop.\n', '    one long line that YAML must not fold\n'));
  });

  it('keeps an indentation indicator and its indentation; adds one when the value starts with spaces', () => {
    assert.equal(edit(CONFIG, '/data/indented', '    four\n  two\n'), CONFIG.replace('      two extra\n    base\n', '        four\n      two\n'));
    assert.equal(edit(CONFIG, '/data/script', '  indented first\nnext\n'), script('      indented first\n    next\n', '|2'));
    assert.equal(edit(CONFIG, '/data/motd', '  code\ntext'), CONFIG.replace('  motd: >-\n    Welcome to the\n    shop.\n', '  motd: >2-\n      code\n    text\n'));
  });

  it('rewrites a block that is a list item, lined up with its dash', () => {
    assert.equal(edit(CONFIG, '/data/items/0', 'second\nline\n'), CONFIG.replace('    - |\n      first\n', '    - |\n      second\n      line\n'));
  });

  it('falls back to a double-quoted string when the block style cannot hold the value', () => {
    assert.equal(edit(CONFIG, '/data/script', 'bell\x07\n'), CONFIG.replace('  script: |  # run at start\n    set -e\n    echo hi\n', '  script: "bell\\u0007\\n"  # run at start\n'));
    assert.equal(edit(CONFIG, '/data/script', ''), CONFIG.replace('  script: |  # run at start\n    set -e\n    echo hi\n', '  script: ""  # run at start\n'));
    assert.equal(edit(CONFIG, '/data/script', 42), CONFIG.replace('  script: |  # run at start\n    set -e\n    echo hi\n', '  script: 42  # run at start\n'));
    // A value starting with spaces needs an indentation indicator, which only goes up to 9.
    const deep = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  s: |\n             a\n';
    assert.equal(edit(deep, '/data/s', ' b\n'), deep.replace('  s: |\n             a\n', '  s: " b\\n"\n'));
  });

  it('keeps a block at the end of a file without a final newline without one', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  s: |-\n    a\n    b';
    assert.equal(edit(text, '/data/s', 'c'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  s: |-\n    c');
  });
});
