import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileGlob, expandGlob, isGlob } from '../../../src/core/manifests/glob';
import type { ManifestFileSystem } from '../../../src/core/manifests/manifestFileSystem';
import { fileSchemaId } from '../../../src/core/validation/selectSchema';

describe('glob', () => {
  it('detects globs', () => {
    assert.equal(isGlob('envs/*/x.yaml'), true);
    assert.equal(isGlob('envs/dev'), false);
  });

  const cases: Array<[string, string, boolean]> = [
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'sub/a.yaml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/a.yaml', true],
    ['**/*.yaml', 'x/y/a.yml', false],
    ['apps/**', 'apps/x/y.yaml', true],
    ['apps/**/deploy.yaml', 'apps/deploy.yaml', true],
    ['apps/**/deploy.yaml', 'apps/a/b/deploy.yaml', true],
    ['apps/**/deploy.yaml', 'apps/a/bdeploy.yaml', false],
    ['apps/**/deploy.yaml', 'apps//deploy.yaml', true],
    ['envs/*/kustomization.yaml', 'envs/prod/kustomization.yaml', true],
    ['envs/*/kustomization.yaml', 'envs/prod/x/kustomization.yaml', false],
    ['envs/*', 'envs/', true],
    ['a?.yml', 'ab.yml', true],
    ['a?.yml', 'a/.yml', false],
    ['a.yaml', 'aXyaml', false],
    ['a+b(c).yaml', 'a+b(c).yaml', true],
    ['*a*b', 'xaxxb', true],
    ['*a*b', 'xaxxbc', false],
  ];
  for (const [pattern, candidate, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${candidate}`, () => {
      assert.equal(compileGlob(pattern).test(candidate), expected);
    });
  }

  it('tells a walk which folders can still hold a match', () => {
    const m = compileGlob('envs/*/deploy.yaml');
    assert.equal(m.mayMatchBelow('envs'), true);
    assert.equal(m.mayMatchBelow('envs/prod'), true);
    assert.equal(m.mayMatchBelow('envs/prod/sub'), false);
    assert.equal(m.mayMatchBelow('apps'), false);
    assert.equal(compileGlob('**/x.yaml').mayMatchBelow('a/b/c'), true);
  });

  // The hostile patterns of the issue: as backtracking RegExps, the first took 46 s on a
  // 40-character name. Each check here runs in microseconds; mocha's timeout is the bound.
  const hostile = [
    ['envs/*a*a*a*a*a*a*a*a*a*a*ab', `envs/${'a'.repeat(40)}`],
    [`${'**/'.repeat(30)}x.yaml`, `${'a/'.repeat(40)}y.yaml`],
    [`${'*a'.repeat(40)}*b`, 'a'.repeat(5000)],
    [`**/${'*/'.repeat(30)}**/z`, `${'d/'.repeat(2000)}y`],
  ];
  for (const [pattern, name] of hostile) {
    it(`matches the hostile glob ${pattern.slice(0, 30)}… without backtracking`, () => {
      assert.equal(compileGlob(pattern).test(name), false);
    });
  }

  it('expands a hostile manifests glob over a real folder, and an association glob, without backtracking', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-glob-'));
    fs.mkdirSync(path.join(root, 'envs'));
    fs.writeFileSync(path.join(root, 'envs', `${'a'.repeat(40)}.yaml`), 'kind: ConfigMap\n');
    assert.deepEqual(await expandGlob(root, 'envs/*a*a*a*a*a*a*a*a*a*a*ab'), []);
    const association = { files: 'envs/*a*a*a*a*a*a*a*a*a*a*ab', schema: './s.json', baseDir: root };
    assert.equal(fileSchemaId(path.join(root, 'envs', 'a'.repeat(40)), [association]), undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('walks only the folders the pattern can reach', async () => {
    const visited: string[] = [];
    const dirs: Record<string, string[]> = { '/r/envs': ['dev', 'prod'], '/r/envs/dev': ['deep'], '/r/envs/prod': ['deep'], '/r/envs/dev/deep': [], '/r/envs/prod/deep': [] };
    const fsys: ManifestFileSystem = {
      stat: async () => undefined,
      readDir: async (p) => {
        visited.push(p);
        return (dirs[p] ?? []).map((name) => ({ name, isFile: false, isDirectory: true }));
      },
      readFile: async () => '',
    };
    assert.deepEqual(await expandGlob('/r', 'envs/*', fsys), ['/r/envs/dev', '/r/envs/prod']);
    assert.deepEqual(visited, ['/r/envs']);
  });
});
