import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configurationKey, configure, optionsRefusal } from './configuration';
import type { Operation, ProductDefinition } from './model';

const op = (seq: number, name: string, more: Partial<Operation> = {}): Operation => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject', ...more,
});
const V: ProductDefinition = {
  product: 'VLV-250', revision: 'A', description: '', tracking: 'serial',
  bom: [{ material: 'SEAT-25', revision: 'A', quantity: 1 }, { material: 'LBL-ID', revision: 'A', quantity: 1 }],
  routing: [
    op(10, 'Press', { components: [{ material: 'SEAT-25', quantity: 1 }], instruction: 'Chamfer down.' }),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }),
    op(40, 'Label', { components: [{ material: 'LBL-ID', quantity: 1 }] }),
  ],
  options: [
    {
      name: 'Seal material',
      values: [
        { value: 'EPDM', description: '', bom: [], operations: [], addOperations: [] },
        {
          value: 'FKM', description: '', addOperations: [],
          bom: [{ material: 'SEAT-25F', revision: 'A', quantity: 1, replaces: 'SEAT-25' }],
          operations: [
            { seq: 10, components: [{ material: 'SEAT-25F', quantity: 1, replaces: 'SEAT-25' }], measurements: [], instruction: 'No grease.' },
            { seq: 30, components: [], measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.8 }], instruction: '' },
          ],
        },
      ],
    },
    {
      name: 'Actuator',
      values: [
        { value: 'manual', description: '', bom: [], operations: [], addOperations: [] },
        {
          value: 'pneumatic', description: '', operations: [],
          bom: [{ material: 'ACT-PN', revision: 'A', quantity: 1 }],
          addOperations: [op(35, 'Mount actuator', { workCenter: 'WC30', components: [{ material: 'ACT-PN', quantity: 1 }], measurements: [{ name: 'Stroke', unit: 's', low: 0.5, high: 2 }] })],
        },
      ],
    },
  ],
};

describe('a unit of a configuration is built to the base plus the option values', () => {
  test('the base values change nothing but drop the options', () => {
    const r = configure(V, { 'Seal material': 'EPDM', Actuator: 'manual' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.bom, V.bom);
    assert.deepEqual(r.value.routing, V.routing);
    assert.equal(r.value.options, undefined);
  });
  test('a value replaces a BOM line and a component, tightens a check, adds to the instruction', () => {
    const r = configure(V, { 'Seal material': 'FKM', Actuator: 'manual' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.bom.map((b) => b.material), ['LBL-ID', 'SEAT-25F']);
    assert.deepEqual(r.value.routing[0]?.components, [{ material: 'SEAT-25F', quantity: 1 }]);
    assert.equal(r.value.routing[0]?.instruction, 'Chamfer down.\nSeal material FKM: No grease.');
    assert.deepEqual(r.value.routing[1]?.measurements, [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.8 }]);
  });
  test('a value adds a BOM line and an operation, placed by its number', () => {
    const r = configure(V, { 'Seal material': 'EPDM', Actuator: 'pneumatic' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.routing.map((o) => o.seq), [10, 30, 35, 40]);
    assert.ok(r.value.bom.some((b) => b.material === 'ACT-PN'));
  });
  test('every option named, with a value it has; no option it does not have', () => {
    const no = configure(V, { 'Seal material': 'FKM' });
    assert.equal(!no.ok && no.error.message, 'The order names no Actuator: VLV-250 rev A comes with Actuator manual or pneumatic.');
    const bad = configure(V, { 'Seal material': 'PTFE', Actuator: 'manual' });
    assert.match(!bad.ok ? bad.error.message : '', /names Seal material PTFE, which it does not have/);
    const extra = configure(V, { 'Seal material': 'FKM', Actuator: 'manual', Colour: 'red' });
    assert.match(!extra.ok ? extra.error.message : '', /has no option Colour: its options are Seal material, Actuator/);
    const plain = configure({ ...V, options: undefined }, { Colour: 'red' });
    assert.match(!plain.ok ? plain.error.message : '', /it has no options/);
    assert.ok(configure({ ...V, options: undefined }, undefined).ok);
  });
  test('the key of a configuration does not depend on the order its options are named in', () =>
    assert.equal(configurationKey({ A: '1', B: '2' }), configurationKey({ B: '2', A: '1' })));
});

describe('a product\'s options must fit its base', () => {
  test('each value of each option configures', () => assert.equal(optionsRefusal(V), null));
  test('a value that replaces what the base does not have is refused, saying which', () => {
    const broken: ProductDefinition = {
      ...V,
      options: [{ name: 'Seal material', values: [{ value: 'FKM', description: '', bom: [{ material: 'X', revision: 'A', quantity: 1, replaces: 'NOPE' }], operations: [], addOperations: [] }] }],
    };
    assert.match(optionsRefusal(broken) ?? '', /Seal material FKM replaces NOPE, which is not in the BOM of VLV-250 rev A/);
  });
  test('a component an option adds must be in the BOM as configured', () => {
    const stray: ProductDefinition = {
      ...V,
      options: [{ name: 'Kit', values: [{ value: 'yes', description: '', bom: [], operations: [{ seq: 40, components: [{ material: 'GSK-10', quantity: 1 }], measurements: [], instruction: '' }], addOperations: [] }] }],
    };
    assert.match(optionsRefusal(stray) ?? '', /With Kit yes, operation 40 of VLV-250 rev A consumes GSK-10, which is not in its BOM/);
  });
});
