import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import type { ProductDefinition } from '../material/model';
import { changeDecider, EngineeringChange, type DispositionChoice, type SubmitChange } from './change';
import type { UnitOutcome } from './impact';

const given = specFor(changeDecider);

const B: ProductDefinition = {
  product: 'VLV-100',
  revision: 'B',
  description: 'Valve',
  tracking: 'serial',
  bom: [
    { material: 'BODY-25', revision: 'C', quantity: 1 },
    { material: 'SEAT-25', revision: 'A', quantity: 1 },
  ],
  routing: [
    { seq: 10, name: 'Press', workCenter: 'WC10', standardCycleSeconds: 3, components: [{ material: 'BODY-25', quantity: 1 }], measurements: [], instruction: '', onFail: 'reject' },
    { seq: 30, name: 'Leak test', workCenter: 'WC30', standardCycleSeconds: 4, components: [], measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }], instruction: '', onFail: 'reject' },
  ],
};
const C: ProductDefinition = {
  ...B,
  revision: 'C',
  routing: B.routing.map((o) => (o.seq === 30 ? { ...o, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }] } : o)),
};
const change = EngineeringChange.parse({ number: 'ECN-41', reason: 'Leak limit tightened after field returns', definition: C });
const submit = (over: Partial<SubmitChange> = {}): SubmitChange => ({
  type: 'SubmitChange',
  change,
  base: B,
  revisionExists: false,
  workCenters: ['WC10', 'WC20', 'WC30', 'WC40'],
  undefinedMaterials: [],
  pendingForProduct: null,
  effectivityTarget: null,
  ...over,
});

describe('an engineering change comes in', () => {
  test('a sound change is submitted with its difference, pending approval', () => {
    const events = given([]).when(submit());
    events.thenEventTypes(['ChangeSubmitted']);
    const state = events.state();
    assert.equal(state.status, 'pending');
  });
  test('the same change sent again changes nothing; another under the same number is refused', () => {
    const submitted = { type: 'ChangeSubmitted' as const, data: { change, replaces: 'B', diff: { product: 'VLV-100', from: 'B', to: 'C', bom: [], operations: [], same: false } } };
    given([submitted]).when(submit()).then([]);
    given([submitted]).when(submit({ change: { ...change, reason: 'another' } })).thenRefused('duplicate', 'exists already with other content');
  });
  test('a second change on top of one still waiting is refused whole', () =>
    given([]).when(submit({ pendingForProduct: 'ECN-40' })).thenRefused('conflict', 'ECN-40 of VLV-100 is still waiting for approval'));
  test('a revision that exists already is never edited in place', () => given([]).when(submit({ revisionExists: true })).thenRefused('conflict', 'a change always makes a new revision'));
  test('a product with nothing to change is refused', () => given([]).when(submit({ base: null })).thenRefused('not_found', 'has no revision on this station to change'));
  test('an unknown material, saying which', () =>
    given([]).when(submit({ undefinedMaterials: ['GSK-10 rev A'] })).thenRefused('validation_failed', 'uses materials that are not defined: GSK-10 rev A. Nothing of ECN-41'));
  test('an unknown work center, saying where', () =>
    given([]).when(submit({ workCenters: ['WC10', 'WC20'] })).thenRefused('validation_failed', 'operation 30 on WC30'));
  test('a routing that does not hold together: a component not in the BOM', () =>
    given([])
      .when(submit({ change: { ...change, definition: { ...C, routing: C.routing.map((o) => (o.seq === 10 ? { ...o, components: [{ material: 'GSK-10', quantity: 1 }] } : o)) } } }))
      .thenRefused('validation_failed', 'consumes GSK-10, which is not in its BOM'));
  test('an effectivity order or serial that does not exist, or is another product', () => {
    const fromOrder = { ...change, effectivity: { kind: 'from-order' as const, order: 'PO-9' } };
    given([]).when(submit({ change: fromOrder })).thenRefused('not_found', 'order PO-9, which does not exist');
    given([]).when(submit({ change: fromOrder, effectivityTarget: { product: 'VLV-200' } })).thenRefused('validation_failed', 'which is VLV-200, not VLV-100');
    given([]).when(submit({ change: fromOrder, effectivityTarget: { product: 'VLV-100' } })).thenEventTypes(['ChangeSubmitted']);
  });
  test('a new revision that builds the same is no change', () =>
    given([]).when(submit({ change: { ...change, definition: { ...B, revision: 'C' } } })).thenRefused('validation_failed', 'there is nothing to change'));
});

describe('a pending change is approved, rejected or deferred', () => {
  const submitted = { type: 'ChangeSubmitted' as const, data: { change, replaces: 'B', diff: { product: 'VLV-100', from: 'B', to: 'C', bom: [], operations: [], same: false } } };
  test('approved, it names the orders it moves', () =>
    given([submitted])
      .when({ type: 'ApproveChange', ordersToMove: ['PO-1'], ordersContinuing: [], units: {} })
      .then([{ type: 'ChangeApproved', data: { number: 'ECN-41', product: 'VLV-100', revision: 'C', ordersMoved: ['PO-1'] } }]));
  test('approved with work under way: the orders whose remaining units follow it, and what its units get', () =>
    given([submitted])
      .when({ type: 'ApproveChange', ordersToMove: [], ordersContinuing: ['PO-2'], units: { continue: 3, hold: 1 } })
      .then([{ type: 'ChangeApproved', data: { number: 'ECN-41', product: 'VLV-100', revision: 'C', ordersMoved: [], ordersContinuing: ['PO-2'], units: { continue: 3, hold: 1 } } }]));
  test('rejected or deferred with the reason', () => {
    given([submitted]).when({ type: 'RejectChange', reason: 'no' }).then([{ type: 'ChangeRejected', data: { number: 'ECN-41', reason: 'no' } }]);
    given([submitted]).when({ type: 'DeferChange', reason: 'later' }).then([{ type: 'ChangeDeferred', data: { number: 'ECN-41', reason: 'later' } }]);
  });
  test('only a pending one', () =>
    given([submitted, { type: 'ChangeRejected', data: { number: 'ECN-41', reason: 'no' } }])
      .when({ type: 'ApproveChange', ordersToMove: [], ordersContinuing: [], units: {} })
      .thenRefused('invalid_transition', 'ECN-41 is rejected'));
  test('dispositions: each a unit the change reaches, an option open to it where it stands, a reason for a deviation or scrap', () => {
    const needs = { kind: 'needs-disposition' as const, changedDone: [30], proposal: 'rework' as const, reworkFrom: 30, options: ['rework', 'accept-with-deviation', 'scrap'] as const };
    const outcomes = new Map<string, UnitOutcome>([
      ['U1', needs],
      ['U2', { kind: 'at-changed-operation', operation: 30, options: ['finish-as-started', 'restart-on-new'] }],
      ['U3', { kind: 'unaffected' }],
    ]);
    const choose = (choices: DispositionChoice[]) => given([submitted]).when({ type: 'ChooseDispositions', choices, outcomes });
    choose([{ serial: 'U1', disposition: 'rework' }, { serial: 'U2', disposition: 'restart-on-new' }]).then([
      { type: 'DispositionsChosen', data: { number: 'ECN-41', choices: [{ serial: 'U1', disposition: 'rework' }, { serial: 'U2', disposition: 'restart-on-new' }] } },
    ]);
    choose([{ serial: 'U2', disposition: 'rework' }]).thenRefused('validation_failed', 'U2 can be given finish-as-started, restart-on-new here, not rework');
    choose([{ serial: 'U3', disposition: 'rework' }]).thenRefused('validation_failed', 'does not reach unit U3');
    choose([{ serial: 'U9', disposition: 'rework' }]).thenRefused('validation_failed', 'does not reach unit U9');
    choose([{ serial: 'U1', disposition: 'accept-with-deviation' }]).thenRefused('validation_failed', 'Say why unit U1 gets accept with deviation');
    choose([{ serial: 'U1', disposition: 'scrap', reason: 'cracked' }]).thenEventTypes(['DispositionsChosen']);
  });
  test('a change that does not exist', () => given([]).when({ type: 'RejectChange', reason: 'x' }).thenRefused('not_found', 'no such change'));
});
