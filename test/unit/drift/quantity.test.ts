import * as assert from 'node:assert/strict';
import { compareQuantities, parseQuantity, quantitiesEqual } from '../../../src/core/drift/quantity';

describe('quantity', () => {
  const equal: Array<[unknown, unknown]> = [
    [1, '1'],
    [1, '1000m'],
    ['1', '1000m'],
    [0.5, '500m'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['1Gi', '1024Mi'],
    ['1Mi', '1048576'],
    ['1Ki', '1024'],
    ['1e3', '1k'],
    ['1E3', '1000'],
    ['1k', '1000'],
    ['1M', '1000k'],
    ['1G', '1000M'],
    ['2T', '2000G'],
    ['1P', '1000T'],
    ['1E', '1000P'],
    ['1500m', '1.5'],
    ['100u', '0.1m'],
    ['1000n', '1u'],
    ['0.1', '100m'],
    [0.1, '100m'],
    ['0', '0m'],
    ['1.5Gi', '1536Mi'],
    ['129e6', '129M'],
  ];
  for (const [a, b] of equal) {
    it(`${JSON.stringify(a)} equals ${JSON.stringify(b)}`, () => {
      assert.equal(quantitiesEqual(a, b), true);
      assert.equal(quantitiesEqual(b, a), true);
    });
  }

  const different: Array<[unknown, unknown]> = [
    ['1Gi', '1G'],
    ['1', '1001m'],
    ['128974848', '129e6'],
    ['1Mi', '1M'],
    ['0.1', '0.10000001'],
  ];
  for (const [a, b] of different) {
    it(`${JSON.stringify(a)} differs from ${JSON.stringify(b)}`, () => {
      assert.equal(quantitiesEqual(a, b), false);
    });
  }

  it('rejects things that are not quantities', () => {
    for (const v of ['', 'abc', '1Gb', '1 Gi', 'Gi', '1e', null, undefined, {}, true, Number.NaN, '1e999999']) {
      assert.equal(parseQuantity(v), undefined, JSON.stringify(v));
    }
    assert.equal(quantitiesEqual('abc', 'abc'), false);
  });

  it('orders by exact value, beyond float precision', () => {
    const a = parseQuantity('9007199254740993')!;
    const b = parseQuantity('9007199254740992')!;
    assert.equal(compareQuantities(a, b), 1);
    assert.equal(compareQuantities(parseQuantity('-1')!, parseQuantity('1m')!), -1);
    assert.equal(compareQuantities(parseQuantity('1Ki')!, parseQuantity('1k')!), 1);
  });
});
