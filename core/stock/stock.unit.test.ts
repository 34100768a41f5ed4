import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { stockDecider } from './stock';

const given = specFor(stockDecider);
const count = (onHand: number, materialDefined = true) => ({ type: 'CountStock', material: 'SEAT-25', revision: 'A', onHand, source: 'wms', materialDefined }) as const;

describe('stock counts', () => {
  test('a warehouse count is recorded', () =>
    given([]).when(count(40)).then([{ type: 'StockCounted', data: { material: 'SEAT-25', revision: 'A', onHand: 40, source: 'wms' } }]));
  test('a count of a material not defined here is refused', () => given([]).when(count(40, false)).thenRefused('validation_failed', 'not defined on this station'));
  test('a negative count is refused', () => given([]).when(count(-1)).thenRefused('validation_failed', '0 or more'));
});
