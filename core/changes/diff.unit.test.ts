import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, ProductDefinition } from '../material/model';
import { diffRevisions } from './diff';

const op = (seq: number, name: string, more: Partial<Operation> = {}): Operation => ({
  seq,
  name,
  workCenter: `WC${seq}`,
  standardCycleSeconds: 3,
  components: [],
  measurements: [],
  instruction: `Do ${name}.`,
  onFail: 'reject',
  ...more,
});

const B: ProductDefinition = {
  product: 'VLV-100',
  revision: 'B',
  description: 'Valve',
  tracking: 'serial',
  bom: [
    { material: 'BODY-25', revision: 'C', quantity: 1 },
    { material: 'SEAT-25', revision: 'A', quantity: 1 },
    { material: 'SCR-M8', revision: 'A', quantity: 4 },
  ],
  routing: [
    op(10, 'Press', { components: [{ material: 'BODY-25', quantity: 1 }, { material: 'SEAT-25', quantity: 1 }], measurements: [{ name: 'Press force', unit: 'kN', low: 10, high: 14 }] }),
    op(20, 'Fit bonnet', { components: [{ material: 'SCR-M8', quantity: 4 }] }),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }),
  ],
};

const revise = (change: (d: ProductDefinition) => ProductDefinition): ProductDefinition => change({ ...structuredClone(B), revision: 'C' });

describe('the difference between two revisions', () => {
  test('the same content under a new revision is no change', () => {
    const d = diffRevisions(B, revise((d) => d));
    assert.equal(d.same, true);
    assert.deepEqual([d.from, d.to], ['B', 'C']);
  });

  test('BOM lines added, removed, and changed in revision or quantity', () => {
    const d = diffRevisions(
      B,
      revise((d) => ({
        ...d,
        bom: [{ material: 'BODY-25', revision: 'D', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 6 }, { material: 'GSK-10', revision: 'A', quantity: 1 }],
      })),
    );
    assert.deepEqual(
      d.bom.map((l) => [l.material, l.kind, l.fields]),
      [
        ['BODY-25', 'changed', ['revision']],
        ['SEAT-25', 'removed', []],
        ['SCR-M8', 'changed', ['quantity']],
        ['GSK-10', 'added', []],
      ],
    );
  });

  test('tighter limits at operation 30 and a component added at operation 20', () => {
    const d = diffRevisions(
      B,
      revise((d) => ({
        ...d,
        bom: [...d.bom, { material: 'GSK-10', revision: 'A', quantity: 1 }],
        routing: d.routing.map((o) =>
          o.seq === 20
            ? { ...o, components: [...o.components, { material: 'GSK-10', quantity: 1 }] }
            : o.seq === 30
              ? { ...o, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }] }
              : o,
        ),
      })),
    );
    assert.deepEqual(
      d.operations.map((o) => [o.operation, o.kind, o.fields]),
      [
        ['Fit bonnet', 'changed', ['components']],
        ['Leak test', 'changed', ['measurements']],
      ],
    );
    assert.deepEqual(d.operations[0]?.components.map((c) => [c.key, c.kind]), [['GSK-10', 'added']]);
    assert.deepEqual(d.operations[1]?.measurements.map((m) => [m.key, m.kind, m.before?.high, m.after?.high]), [['Leak rate', 'changed', 1, 0.5]]);
  });

  test('operations added, removed, renumbered, moved to another work center, with a new standard time, text or failure rule', () => {
    const d = diffRevisions(
      B,
      revise((d) => ({
        ...d,
        routing: [
          { ...d.routing[0]!, instruction: 'Chamfer down, then close the guard.', onFail: 'rework', reworkTo: 10 },
          { ...d.routing[2]!, seq: 25, workCenter: 'WC40', standardCycleSeconds: 5 },
          op(40, 'Label'),
        ],
      })),
    );
    assert.deepEqual(
      d.operations.map((o) => [o.operation, o.kind, o.fields]),
      [
        ['Press', 'changed', ['instruction', 'onFail']],
        ['Fit bonnet', 'removed', []],
        ['Leak test', 'changed', ['sequence', 'workCenter', 'standardTime']],
        ['Label', 'added', []],
      ],
    );
  });
});
