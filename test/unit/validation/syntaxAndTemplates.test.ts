import * as assert from 'node:assert/strict';
import { splitDocuments } from '../../../src/core/text/splitYamlDocuments';
import { covered, diagnosticsOf, summary } from './helpers';

describe('validation: YAML syntax, templates, document split', () => {
  it('reports YAML syntax errors with positions, per document', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [c\n';
    const [d, ...rest] = await diagnosticsOf(text);
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'yaml-syntax');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^YAML: /);
    assert.ok(d.range.start.line >= 7, JSON.stringify(d.range));
  });

  it('reports duplicate keys with the first one\'s line, and validates the rest with the value kubectl uses', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\ndata: {a: 1}\nbogus: 1\n';
    assert.deepEqual(summary(await diagnosticsOf(text)), [
      [4, 'YAML: duplicate key "data" (first at line 4)'],
      [4, 'data.a: expected string, got number 1'],
      [5, 'unknown field "bogus"'],
    ]);
  });

  it('a syntax error does not hide the schema errors of the rest of the document', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  bad: x: y\nspec: 1\n';
    const diags = summary(await diagnosticsOf(text));
    assert.equal(diags.length, 2, JSON.stringify(diags));
    assert.match(diags[0][1], /^YAML: Nested mappings are not allowed/);
    assert.deepEqual(diags[1], [5, 'unknown field "spec"']);
  });

  it('skips Helm-style templates with a hint instead of false errors, but validates quoted {{ }} strings', async () => {
    const helm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
    const diags = await diagnosticsOf(helm);
    assert.deepEqual(summary(diags), [[3, 'contains template expressions ({{ … }}); not validated']]);
    assert.equal(diags[0].severity, 'hint');
    const quoted = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: '{{name}}'}\ndata: {a: '{{x}}'}\nbogus: 1\n";
    assert.deepEqual(summary(await diagnosticsOf(quoted)), [[4, 'unknown field "bogus"']]);
  });

  it('splits at --- and ... lines only, keeping a comment-only preamble with the next document', () => {
    const text = '# yaml-language-server: $schema=x.json\n---\na: 1\n--- # second\nb: |\n  ---not a marker\n...\n---\n\n---\nc: 3';
    const chunks = splitDocuments(text);
    assert.deepEqual(
      chunks.map((c) => [c.startLine, c.text]),
      [
        [0, '# yaml-language-server: $schema=x.json\n---\na: 1\n'],
        [3, '--- # second\nb: |\n  ---not a marker\n...\n'],
        [7, '---\n\n---\nc: 3'],
      ],
    );
    assert.deepEqual(splitDocuments(''), [{ text: '', startLine: 0 }]);
  });

  it('places diagnostics of later documents on the right lines (CRLF too)', async () => {
    const text = 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: b}\r\nbogus: 1\r\n';
    const [d] = await diagnosticsOf(text);
    assert.equal(d.range.start.line, 7);
    assert.equal(covered(text.replace(/\r/g, ''), d), 'bogus');
  });
});
