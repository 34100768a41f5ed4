import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { unitDecider, type UnitEvent, type UnitOperation } from './unit';

const operations: UnitOperation[] = [
  { seq: 10, name: 'Press', workCenter: 'WC10', measurements: [{ name: 'Force', unit: 'kN', low: 10, high: 14 }] },
  { seq: 20, name: 'Inspect', workCenter: 'WC20', measurements: [] },
];
const given = specFor(unitDecider);
const born: UnitEvent = { type: 'UnitStarted', data: { serial: 'S1', order: 'PO-1', product: 'P', revision: 'A', operations } };
const atWc10: UnitEvent = { type: 'UnitArrived', data: { serial: 'S1', operation: 10, workCenter: 'WC10' } };
const op10Done: UnitEvent = {
  type: 'OperationCompleted',
  data: {
    serial: 'S1', order: 'PO-1', operation: 10, workCenter: 'WC10', result: 'pass',
    measurements: [{ name: 'Force', value: 12, unit: 'kN', low: 10, high: 14, result: 'pass' }], backflushed: [],
  },
};

describe('unit through its routing', () => {
  test('a unit arrives at the work center of its current operation', () =>
    given([born]).when({ type: 'ArriveAt', workCenter: 'WC10' }).then([atWc10]));
  test('the routing sequence is enforced: operation 20 cannot start before 10 is complete', () =>
    given([born]).when({ type: 'ArriveAt', workCenter: 'WC20' }).thenRefused('routing_violation', 'due at operation 10'));
  test('an operation completes with its measurement judged against the routing limits', () =>
    given([born, atWc10]).when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [{ name: 'Force', value: 12 }], machineResult: 'good' }).then([op10Done]));
  test('a measurement out of limits scraps the unit and says why', () =>
    given([born, atWc10])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [{ name: 'Force', value: 15.5 }], machineResult: 'good' })
      .then([
        {
          type: 'OperationCompleted',
          data: {
            serial: 'S1', order: 'PO-1', operation: 10, workCenter: 'WC10', result: 'fail',
            measurements: [{ name: 'Force', value: 15.5, unit: 'kN', low: 10, high: 14, result: 'fail' }], backflushed: [],
          },
        },
        { type: 'UnitScrapped', data: { serial: 'S1', order: 'PO-1', operation: 10, reason: 'Force 15.5 kN outside 10…14' } },
      ]));
  test('a missing measurement is a failure, never a silent pass', () =>
    given([born, atWc10])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [], machineResult: 'good' })
      .then([
        {
          type: 'OperationCompleted',
          data: {
            serial: 'S1', order: 'PO-1', operation: 10, workCenter: 'WC10', result: 'fail',
            measurements: [{ name: 'Force', value: Number.NaN, unit: 'kN', low: 10, high: 14, result: 'fail' }], backflushed: [],
          },
        },
        { type: 'UnitScrapped', data: { serial: 'S1', order: 'PO-1', operation: 10, reason: 'Force NaN kN outside 10…14' } },
      ]));
  test('the last operation completes the unit', () =>
    given([born, atWc10, op10Done, { type: 'UnitArrived', data: { serial: 'S1', operation: 20, workCenter: 'WC20' } }])
      .when({ type: 'CompleteOperation', workCenter: 'WC20', readings: [], machineResult: 'good' })
      .then([
        { type: 'OperationCompleted', data: { serial: 'S1', order: 'PO-1', operation: 20, workCenter: 'WC20', measurements: [], result: 'pass', backflushed: [] } },
        { type: 'UnitCompleted', data: { serial: 'S1', order: 'PO-1' } },
      ]));
  test('arriving twice at the same operation records nothing new', () => given([born, atWc10]).when({ type: 'ArriveAt', workCenter: 'WC10' }).then([]));
  test('a finished unit takes no more operations', () =>
    given([born, { type: 'UnitScrapped', data: { serial: 'S1', order: 'PO-1', operation: 10, reason: 'x' } }])
      .when({ type: 'ArriveAt', workCenter: 'WC10' })
      .thenRefused('invalid_transition', 'scrapped'));
  test('the same serial cannot start twice', () => given([born]).when({ type: 'StartUnit', data: born.data }).thenRefused('duplicate'));
});

describe('component lots scanned into a unit', () => {
  const withParts: UnitEvent = {
    type: 'UnitStarted',
    data: { ...born.data, operations: [{ ...operations[0]!, components: [{ material: 'SEAT-25', revision: 'A', quantity: 1 }] }, operations[1]!] },
  };
  test('the BOM part in its revision is recorded as a genealogy link', () =>
    given([withParts]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'SEAT-25', revision: 'A', lot: 'L-4711' }).then([
      { type: 'LotConsumed', data: { serial: 'S1', order: 'PO-1', operation: 10, workCenter: 'WC10', material: 'SEAT-25', revision: 'A', lot: 'L-4711', quantity: 1 } },
    ]));
  test('a part number the operation does not use is refused, saying what was expected', () =>
    given([withParts]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'BONNET-25', revision: 'B', lot: 'L-1' }).thenRefused('bom_mismatch', 'expected SEAT-25 rev A'));
  test('a wrong revision is refused, naming the BOM revision', () =>
    given([withParts]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'SEAT-25', revision: 'B', lot: 'L-2' }).thenRefused('bom_mismatch', 'asks for rev A'));
  test('a lot scanned at a work center the unit is not at is refused', () =>
    given([withParts]).when({ type: 'ConsumeLot', workCenter: 'WC20', material: 'SEAT-25', revision: 'A', lot: 'L-3' }).thenRefused('routing_violation', 'due at operation 10'));
});

describe('unit: rework and BOM compliance', () => {
  const reworkOps: UnitOperation[] = [
    { seq: 10, name: 'Assemble', workCenter: 'WC10', measurements: [], components: [{ material: 'BODY', revision: 'C', quantity: 2 }] },
    { seq: 20, name: 'Test', workCenter: 'WC20', measurements: [{ name: 'P', unit: 'bar', low: 5, high: 6 }], onFail: 'rework', reworkTo: 10 },
  ];
  const start: UnitEvent = { type: 'UnitStarted', data: { serial: 'R1', order: 'PO-2', product: 'P', revision: 'A', operations: reworkOps } };
  const lot = (lotNo: string, quantity: number): UnitEvent => ({
    type: 'LotConsumed',
    data: { serial: 'R1', order: 'PO-2', operation: 10, workCenter: 'WC10', material: 'BODY', revision: 'C', lot: lotNo, quantity },
  });
  const done10: UnitEvent = { type: 'OperationCompleted', data: { serial: 'R1', order: 'PO-2', operation: 10, workCenter: 'WC10', measurements: [], result: 'pass' } };

  test('at a terminal an operation does not complete before its components are scanned, and says what is missing', () =>
    given([start, { type: 'UnitArrived', data: { serial: 'R1', operation: 10, workCenter: 'WC10' } }, lot('L1', 1)])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [], machineResult: 'good', atTerminal: true })
      .thenRefused('bom_incomplete', 'Scan BODY rev C \\(1 more\\)'));
  test('a scan takes what is still missing; a component already complete is refused', () => {
    given([start, lot('L1', 1)]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'BODY', revision: 'C', lot: 'L2' }).then([lot('L2', 1)]);
    given([start, lot('L1', 2)]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'BODY', revision: 'C', lot: 'L3' }).thenRefused('routing_violation', '2 of 2 already scanned');
  });
  test('a check out of limits sends the unit back to the operation the routing names', () =>
    given([start, lot('L1', 2), done10])
      .when({ type: 'CompleteOperation', workCenter: 'WC20', readings: [{ name: 'P', value: 4 }], machineResult: 'good' })
      .then([
        {
          type: 'OperationCompleted',
          data: { serial: 'R1', order: 'PO-2', operation: 20, workCenter: 'WC20', result: 'fail', measurements: [{ name: 'P', value: 4, unit: 'bar', low: 5, high: 6, result: 'fail' }], backflushed: [] },
        },
        { type: 'UnitSentToRework', data: { serial: 'R1', order: 'PO-2', fromOperation: 20, toOperation: 10, workCenter: 'WC10', reason: 'P 4 bar outside 5…6' } },
      ]));
  test('a machine reject is a reject even where the routing reworks a failed check', () =>
    given([start, lot('L1', 2), done10])
      .when({ type: 'CompleteOperation', workCenter: 'WC20', readings: [{ name: 'P', value: 5.5 }], machineResult: 'reject' })
      .thenEventTypes(['OperationCompleted', 'UnitScrapped']));
  test('after a rework the unit is due at the rework operation again', () =>
    given([start, lot('L1', 2), done10, { type: 'UnitSentToRework', data: { serial: 'R1', order: 'PO-2', fromOperation: 20, toOperation: 10, workCenter: 'WC10', reason: 'x' } }])
      .when({ type: 'ArriveAt', workCenter: 'WC20' })
      .thenRefused('routing_violation', 'due at operation 10'));
});

describe('unit: at the terminal a check left out is asked for, not failed', () => {
  test('a unit not started here is not completed from a terminal', () =>
    given([born])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [{ name: 'Force', value: 12 }], machineResult: 'good', atTerminal: true })
      .thenRefused('invalid_transition', 'Start S1 at WC10'));
  test('completing without a reading is refused and names the check', () =>
    given([born, atWc10])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [], machineResult: 'good', atTerminal: true })
      .thenRefused('validation_failed', 'Enter Force \\(kN\\)'));
});

describe('unit: backflush', () => {
  const ops: UnitOperation[] = [
    { seq: 10, name: 'Assemble', workCenter: 'WC10', measurements: [], components: [{ material: 'BODY', revision: 'C', quantity: 2 }, { material: 'SCREW', revision: 'A', quantity: 4 }] },
    { seq: 20, name: 'Test', workCenter: 'WC20', measurements: [{ name: 'P', unit: 'bar', low: 5, high: 6 }], onFail: 'rework', reworkTo: 10 },
  ];
  const start: UnitEvent = { type: 'UnitStarted', data: { serial: 'B1', order: 'PO-3', product: 'P', revision: 'A', operations: ops } };
  const scanned: UnitEvent = {
    type: 'LotConsumed',
    data: { serial: 'B1', order: 'PO-3', operation: 10, workCenter: 'WC10', material: 'BODY', revision: 'C', lot: 'L1', quantity: 1 },
  };
  const completed10 = (backflushed?: { material: string; revision: string; quantity: number }[]): UnitEvent => ({
    type: 'OperationCompleted',
    data: { serial: 'B1', order: 'PO-3', operation: 10, workCenter: 'WC10', measurements: [], result: 'pass', ...(backflushed ? { backflushed } : {}) },
  });
  test("at an operation's first completion, what it uses and was not scanned is backflushed", () =>
    given([start, scanned])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [], machineResult: 'good' })
      .then([completed10([{ material: 'BODY', revision: 'C', quantity: 1 }, { material: 'SCREW', revision: 'A', quantity: 4 }])]));
  test('a rework runs the operation again without using its material again', () =>
    given([
      start,
      scanned,
      completed10([{ material: 'BODY', revision: 'C', quantity: 1 }, { material: 'SCREW', revision: 'A', quantity: 4 }]),
      { type: 'OperationCompleted', data: { serial: 'B1', order: 'PO-3', operation: 20, workCenter: 'WC20', measurements: [], result: 'fail', backflushed: [] } },
      { type: 'UnitSentToRework', data: { serial: 'B1', order: 'PO-3', fromOperation: 20, toOperation: 10, workCenter: 'WC10', reason: 'P low' } },
    ])
      .when({ type: 'CompleteOperation', workCenter: 'WC10', readings: [], machineResult: 'good' })
      .then([completed10()]));
});
