import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import type { ProductDefinition } from '../material/model';
import { materialDecider, type MaterialEvent } from './material';
import { productDecider, type DefineProduct, type ProductEvent } from './product';

const seat = { id: 'SEAT-25', revision: 'A', description: 'Seat', unitOfMeasure: 'ea' };
const valve: ProductDefinition = {
  product: 'VLV-100',
  revision: 'B',
  description: 'Valve',
  tracking: 'serial',
  bom: [{ material: 'SEAT-25', revision: 'A', quantity: 1 }],
  routing: [
    { seq: 10, name: 'Press', workCenter: 'WC10', standardCycleSeconds: 30, components: [{ material: 'SEAT-25', quantity: 1 }], measurements: [], instruction: '', onFail: 'reject' },
    { seq: 20, name: 'Test', workCenter: 'WC20', standardCycleSeconds: 20, components: [], measurements: [], instruction: '', onFail: 'reject' },
  ],
};
const define = (definition: ProductDefinition, facts: Partial<Omit<DefineProduct, 'type' | 'definition'>> = {}): DefineProduct => ({
  type: 'DefineProduct',
  definition,
  workCenters: ['WC10', 'WC20'],
  undefinedMaterials: [],
  usedBy: [],
  ...facts,
});
const defined: ProductEvent = { type: 'ProductDefined', data: valve };

describe('material definitions', () => {
  const given = specFor(materialDecider);
  const recorded: MaterialEvent = { type: 'MaterialDefined', data: seat };
  test('a new material revision is recorded', () => given([]).when({ type: 'DefineMaterial', definition: seat }).then([recorded]));
  test('the same definition sent again changes nothing', () => given([recorded]).when({ type: 'DefineMaterial', definition: { ...seat } }).then([]));
  test('a new description is recorded', () =>
    given([recorded]).when({ type: 'DefineMaterial', definition: { ...seat, description: 'Valve seat' } }).then([{ type: 'MaterialDefined', data: { ...seat, description: 'Valve seat' } }]));
});

describe('product revisions', () => {
  const given = specFor(productDecider);
  test('a revision whose work centers, materials and components hold together is recorded', () => given([]).when(define(valve)).then([defined]));
  test('a routing may name only the line’s work centers, and the refusal names them', () =>
    given([]).when(define(valve, { workCenters: ['WC10'] })).thenRefused('validation_failed', 'operation 20 on WC20.*This line has WC10'));
  test('a BOM with materials not defined here is refused, naming them', () =>
    given([]).when(define(valve, { undefinedMaterials: ['SEAT-25 rev A'] })).thenRefused('validation_failed', 'not defined: SEAT-25 rev A'));
  test('an operation may consume only what is in the BOM', () =>
    given([]).when(define({ ...valve, bom: [] })).thenRefused('validation_failed', 'Operation 10 of VLV-100 rev B consumes SEAT-25, which is not in its BOM'));
  test('the same definition sent again changes nothing, even when orders use it', () => given([defined]).when(define(valve, { usedBy: ['PO-1'] })).then([]));
  test('a revision orders use is never redefined: a change is a new revision', () =>
    given([defined])
      .when(define({ ...valve, description: 'changed' }, { usedBy: ['PO-1', 'PO-2'] }))
      .thenRefused('conflict', 'orders use it \\(PO-1, PO-2\\); release the change as a new revision'));
  test('a revision no order uses yet may be corrected', () =>
    given([defined]).when(define({ ...valve, description: 'changed' })).then([{ type: 'ProductDefined', data: { ...valve, description: 'changed' } }]));
});
