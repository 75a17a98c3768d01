import * as assert from 'node:assert/strict';
import { globToRegExp, isGlob } from '../../../src/core/manifests/glob';

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
    ['apps/**', 'apps/x/y.yaml', true],
    ['a?.yml', 'ab.yml', true],
    ['a?.yml', 'a/.yml', false],
    ['a.yaml', 'aXyaml', false],
  ];
  for (const [pattern, candidate, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${candidate}`, () => {
      assert.equal(globToRegExp(pattern).test(candidate), expected);
    });
  }
});
