import * as assert from 'node:assert/strict';
import { classifyReply, compilePatterns } from '../../../src/core/chatops/feedback';

describe('ChatOps reply feedback', () => {
  const defaults = compilePatterns(undefined, undefined).patterns;

  it('recognises common success and failure answers by default', () => {
    assert.equal(classifyReply('✅ Deployed shop v1.4 to prod', defaults), 'success');
    assert.equal(classifyReply('Restarted web in prod', defaults), 'success');
    assert.equal(classifyReply(':white_check_mark: done', defaults), 'success');
    assert.equal(classifyReply('❌ deploy of v2.0-rc to prod denied', defaults), 'failure');
    assert.equal(classifyReply('Error: image not found', defaults), 'failure');
    assert.equal(classifyReply('Deploying shop v1.4 to prod…', defaults), 'info');
  });

  it('lets failure win when a reply says both', () => {
    assert.equal(classifyReply('deploy failed, rollback done', defaults), 'failure');
  });

  it('uses the configured patterns instead of the defaults, case-insensitively', () => {
    const { patterns, invalid } = compilePatterns(['^OK\\b'], ['^NOPE']);
    assert.deepEqual(invalid, []);
    assert.equal(classifyReply('ok, shipping', patterns), 'success');
    assert.equal(classifyReply('nope: frozen', patterns), 'failure');
    assert.equal(classifyReply('Deployed', patterns), 'info', 'defaults no longer apply');
  });

  it('matches a pattern that backtracks exponentially as a RegExp in linear time (RE2)', () => {
    // `(a+)+$` against 40 a's and a "!" runs for minutes as a JavaScript RegExp.
    const { patterns, invalid } = compilePatterns(['(a+)+$'], ['^(x+x+)+y$']);
    assert.deepEqual(invalid, []);
    assert.equal(classifyReply(`${'a'.repeat(40)}!`, patterns), 'info');
    assert.equal(classifyReply(`${'a'.repeat(100_000)}!`, patterns), 'info');
    assert.equal(classifyReply(`${'x'.repeat(40)}`, patterns), 'info');
    assert.equal(classifyReply('deploy aaa', patterns), 'success');
  });

  it('reports an invalid pattern instead of throwing', () => {
    const { patterns, invalid } = compilePatterns(['(unclosed', 'fine'], []);
    assert.deepEqual(invalid, ['(unclosed']);
    assert.equal(patterns.success.length, 1);
  });
});
