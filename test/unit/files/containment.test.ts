import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured } from '../cli/runCliCaptured';
import { loadConfigFile } from '../../../src/core/config/loadConfig';
import { loadTemplates } from '../../../src/core/issueops/loadTemplates';
import { createLiveProvider } from '../../../src/core/live/createProvider';
import { loadManifests } from '../../../src/core/manifests/loadManifests';

const SECRET = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: stolen, namespace: shop }\ndata: { password: hunter2 }\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: own, namespace: shop }\ndata: { k: v }\n';

const run = runCliCaptured;

describe('paths stay in the repository (issue 14)', () => {
  let tmp: string;
  let repo: string;
  let outside: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-contain-'));
    repo = path.join(tmp, 'repo');
    outside = path.join(tmp, 'home');
    fs.mkdirSync(repo);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.yaml'), SECRET);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('makes `..`, absolute and home-folder paths config errors on the offending value', async () => {
    write(
      'youops.yaml',
      [
        'version: 1',
        'environments:',
        '  - name: dev',
        '    manifests: [envs/dev, ../home]',
        '    live: { snapshot: /etc }',
        '  - name: all',
        '    manifests: "/**/*.yaml"',
        'issueops: { templates: ~/forms }',
        'schemas:',
        '  - { files: "*.yaml", schema: ../home/s.json }',
        '',
      ].join('\n'),
    );
    const r = await loadConfigFile(path.join(repo, 'youops.yaml'));
    assert.equal(r.config, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.range.start.line + 1, p.range.start.character + 1, p.message]),
      [
        [4, 27, 'manifests "../home": ".." leads outside the repository'],
        [5, 13, 'snapshot "/etc": absolute paths are not allowed: paths are relative to the repository root'],
        [7, 5, 'manifests "/**/*.yaml": absolute paths are not allowed: paths are relative to the repository root'],
        [8, 13, 'templates "~/forms": home-folder paths are not allowed: paths are relative to the repository root'],
        [10, 24, 'schema "../home/s.json": ".." leads outside the repository'],
      ],
    );
    const cli = await run(['envs', '--cwd', repo]);
    assert.equal(cli.code, 2);
    assert.match(cli.err, /youops\.yaml:4:27: error: manifests "\.\.\/home": "\.\." leads outside the repository/);
  });

  it('makes a manifests folder or snapshot that is a symbolic link out of the repository a config error', async () => {
    fs.symlinkSync(outside, path.join(repo, 'linked'));
    write('youops.yaml', 'version: 1\nenvironments:\n  - name: dev\n    manifests: linked/*.yaml\n    live: { snapshot: linked }\n');
    const r = await loadConfigFile(path.join(repo, 'youops.yaml'));
    assert.equal(r.config, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.range.start.line + 1, p.message]),
      [
        [4, `manifests "linked/*.yaml": it leads outside the repository (to ${fs.realpathSync(outside)})`],
        [5, `snapshot "linked": it leads outside the repository (to ${fs.realpathSync(outside)})`],
      ],
    );
  });

  it('reads nothing from outside through a kustomization `..`, a linked file matched by a glob, or a linked folder', async () => {
    write('envs/dev/kustomization.yaml', `resources:\n  - cm.yaml\n  - ../../../home\n  - ../../../home/secret.yaml\n`);
    write('envs/dev/cm.yaml', CM);
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'envs', 'link.yaml'));
    const viaKustomization = await loadManifests(repo, ['envs/dev']);
    assert.deepEqual(viaKustomization.resources.map((r) => r.id.name), ['own']);
    assert.equal(viaKustomization.errors.length, 2);
    for (const e of viaKustomization.errors) assert.match(e.message, /leads outside the repository/);
    const viaGlob = await loadManifests(repo, ['envs/*.yaml']);
    assert.deepEqual(viaGlob.resources, []);
    assert.equal(path.basename(viaGlob.errors[0].file), 'link.yaml');
    assert.match(viaGlob.errors[0].message, /^it leads outside the repository/);
  });

  it('refuses a snapshot file that links out of the repository', async () => {
    write('live/own.yaml', CM);
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'live', 'stolen.yaml'));
    const provider = createLiveProvider({ provider: 'snapshot', path: 'live' }, { rootDir: repo, trusted: false });
    await assert.rejects(provider.fetch({ resources: [] }), /stolen\.yaml: it leads outside the repository/);
  });

  it('refuses an issue template that links out of the repository', async () => {
    write('.github/ISSUE_TEMPLATE/ok.yml', 'name: Ok\ndescription: d\nbody:\n  - type: input\n    id: a\n    attributes: { label: A }\n');
    fs.writeFileSync(path.join(outside, 'form.yml'), 'name: Stolen\ndescription: d\nbody:\n  - type: input\n    id: a\n    attributes: { label: A }\n');
    fs.symlinkSync(path.join(outside, 'form.yml'), path.join(repo, '.github', 'ISSUE_TEMPLATE', 'stolen.yml'));
    const set = await loadTemplates(path.join(repo, '.github', 'ISSUE_TEMPLATE'), repo);
    assert.deepEqual(set.templates.map((t) => t.name), ['Ok']);
    assert.match(set.problems[0].message, /leads outside the repository/);
  });
});
