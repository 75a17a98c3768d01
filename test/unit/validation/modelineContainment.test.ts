import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverAt } from '../../../src/core/validation/descriptions';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';
import { runCliCaptured } from '../cli/runCliCaptured';
import { summary } from './helpers';

/** A schema whose findings show it was read: a required field no manifest here has. */
const secretSchema = JSON.stringify({ type: 'object', description: 'outside schema', required: ['secretField'], properties: { replicas: { description: 'OUTSIDE-DESCRIPTION' } } });
const okSchema = JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', description: 'how many' } } });

describe('validate: modeline and youops.yaml schema paths stay in the repository (issue 14)', () => {
  let top: string;
  let repo: string;
  let outside: string;
  let store: SchemaStore;
  const modeline = (schema: string) => `# yaml-language-server: $schema=${schema}\nreplicas: three\n`;
  const validate = (text: string, rootDir: string | null = repo) => validateText(text, { fileName: path.join(repo, 'envs', 'dev', 'values.yaml'), ...(rootDir ? { rootDir } : {}) }, store);

  before(() => {
    top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'youops-modeline-')));
    repo = path.join(top, 'repo');
    outside = path.join(top, 'elsewhere');
    fs.mkdirSync(path.join(repo, 'envs', 'dev'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'schemas'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.json'), secretSchema);
    fs.writeFileSync(path.join(repo, 'schemas', 'ok.json'), okSchema);
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(repo, 'schemas', 'link.json'));
    fs.writeFileSync(path.join(repo, 'schemas', 'refs-out.json'), JSON.stringify({ $ref: pathToFileURL(path.join(outside, 'secret.json')).href }));
  });
  beforeEach(() => (store = new SchemaStore()));
  after(() => fs.rmSync(top, { recursive: true, force: true }));

  it('uses a schema inside the repository, relative or as a file: URL', async () => {
    const expected = [[1, 'replicas: expected integer, got string "three"']];
    assert.deepEqual(summary((await validate(modeline('../../schemas/ok.json'))).diagnostics), expected);
    assert.deepEqual(summary((await validate(modeline(pathToFileURL(path.join(repo, 'schemas', 'ok.json')).href))).diagnostics), expected);
  });

  for (const [name, schema] of [
    ['a relative path with ..', '../../../elsewhere/secret.json'],
    ['an absolute path', '/ELSEWHERE/secret.json'],
    ['a file: URL', 'file:///ELSEWHERE/secret.json'],
    ['a symbolic link inside that leads out', '../../schemas/link.json'],
  ] as const) {
    it(`refuses ${name} with a diagnostic on the modeline, and reads nothing`, async () => {
      const ref = schema.replace('/ELSEWHERE', outside);
      const text = modeline(ref);
      const { diagnostics } = await validate(text);
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
      const [d] = diagnostics;
      assert.equal(d.code, 'schema-load');
      assert.equal(d.severity, 'error');
      assert.equal(d.message, `modeline schema ${ref}: it leads outside the repository (to ${path.join(outside, 'secret.json')}); not read`);
      assert.equal(text.split('\n')[0].slice(d.range.start.character, d.range.end.character), ref, 'on the path in the modeline');
      const hover = (rootDir?: string) => hoverAt(text, { line: 1, character: 2 }, { fileName: path.join(repo, 'envs', 'dev', 'values.yaml'), ...(rootDir ? { rootDir } : {}) }, store);
      assert.equal(hover(repo), undefined, 'no hover from it either');
      assert.match(hover()?.markdown ?? '', /OUTSIDE-DESCRIPTION/);
      // Not confined (no repository given), the same modeline is read: the refusal is what kept it out.
      assert.match(JSON.stringify((await validate(text, null)).diagnostics), /secretField/);
    });
  }

  it('refuses the file $refs of a repository schema that lead out, and file $refs of a schema from a URL', async () => {
    const { diagnostics } = await validate(modeline('../../schemas/refs-out.json'));
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /could not be used: .*secret\.json: it leads outside the repository/);
    assert.doesNotMatch(diagnostics[0].message, /secretField/);

    const fromUrl = new SchemaStore({ fetcher: async () => JSON.stringify({ $ref: pathToFileURL(path.join(outside, 'secret.json')).href }) });
    const r = await validateText(modeline('https://schemas.example.com/x.json'), { fileName: path.join(repo, 'a.yaml'), rootDir: repo }, fromUrl);
    assert.match(r.diagnostics[0].message, /a schema fetched from a URL refers to the local file file:\/\/.*secret\.json; not read/);
  });

  it('refuses a file: URL naming another host instead of failing the validation', async () => {
    const { diagnostics } = await validate(modeline('file://evil.example/schema.json'));
    assert.deepEqual(summary(diagnostics), [[0, 'modeline schema file://evil.example/schema.json is not a local file URL or an http(s) URL; not read']]);
  });

  it('youops validate confines modelines to the working folder', async () => {
    fs.writeFileSync(path.join(repo, 'envs', 'dev', 'values.yaml'), modeline('../../../elsewhere/secret.json'));
    try {
      const r = await runCliCaptured(['validate', '--cwd', repo, 'envs/dev/values.yaml']);
      assert.equal(r.code, 1);
      assert.match(r.out, /envs\/dev\/values\.yaml:1:\d+: error: modeline schema \.\.\/\.\.\/\.\.\/elsewhere\/secret\.json: it leads outside the repository/);
      assert.doesNotMatch(r.out, /secretField/);
    } finally {
      fs.rmSync(path.join(repo, 'envs', 'dev', 'values.yaml'));
    }
  });

  it('confines the schemas youops.yaml associates the same way: their file $refs and hover stay in the repository, in the CLI too', async () => {
    const values = 'replicas: three\n';
    const association = (schema: string) => [{ files: 'envs/**/*.yaml', schema, baseDir: repo, confinedTo: repo }];
    const fileName = path.join(repo, 'envs', 'dev', 'values.yaml');
    const refsOut = await validateText(values, { fileName, rootDir: repo, associations: association('schemas/refs-out.json') }, store);
    assert.equal(refsOut.diagnostics.length, 1, JSON.stringify(refsOut.diagnostics));
    assert.match(refsOut.diagnostics[0].message, /could not be used: .*secret\.json: it leads outside the repository/);
    assert.doesNotMatch(JSON.stringify(refsOut.diagnostics), /secretField/);
    const linked = association('schemas/link.json');
    assert.doesNotMatch(JSON.stringify((await validateText(values, { fileName, rootDir: repo, associations: linked }, store)).diagnostics), /secretField/);
    assert.equal(hoverAt(values, { line: 0, character: 2 }, { fileName, rootDir: repo, associations: linked }, store), undefined, 'no hover from it');
    // The inside schema still works through an association.
    assert.deepEqual(summary((await validateText(values, { fileName, rootDir: repo, associations: association('schemas/ok.json') }, store)).diagnostics), [[0, 'replicas: expected integer, got string "three"']]);
    // Not confined (the youops.schemas setting: the user's own word), the $ref is followed: the confinement is what kept it out.
    const unconfined = [{ files: 'envs/**/*.yaml', schema: 'schemas/refs-out.json', baseDir: repo }];
    assert.match(JSON.stringify((await validateText(values, { fileName, rootDir: repo, associations: unconfined }, new SchemaStore())).diagnostics), /secretField/);

    fs.writeFileSync(path.join(repo, 'youops.yaml'), 'version: 1\nenvironments: []\nschemas:\n  - files: "envs/**/*.yaml"\n    schema: schemas/refs-out.json\n');
    fs.writeFileSync(fileName, values);
    try {
      const r = await runCliCaptured(['validate', '--cwd', repo, 'envs/dev/values.yaml']);
      assert.equal(r.code, 1);
      assert.match(r.out, /envs\/dev\/values\.yaml:1:1: error: schema .*refs-out\.json could not be used: .*it leads outside the repository/);
      assert.doesNotMatch(r.out, /secretField/);
    } finally {
      fs.rmSync(fileName);
      fs.rmSync(path.join(repo, 'youops.yaml'));
    }
  });
});
