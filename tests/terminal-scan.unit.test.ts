import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeReading, limitsText, measureId, parseReading } from '../renderer/terminal/measure';
import { completionResult } from '../renderer/terminal/outcome';
import { parseScan, type ScanContext } from '../renderer/terminal/scan';

// The terminal's pure parts: scans, readings, result wording. Lives in tests/ because scripts/test.mjs runs core|drivers|main|tests/**/*.test.ts, not renderer/.
const idle: ScanContext = { currentSerial: null, waiting: [], armed: null };
const atWork: ScanContext = { currentSerial: 'PO-1-0001', waiting: ['PO-1-0002', 'PO-2-0001'], armed: null };

test('a component label MATERIAL|REVISION|LOT is a lot, whatever unit is current', () => {
  assert.deepEqual(parseScan('BODY-25|C|BD-77', atWork), { kind: 'lot', material: 'BODY-25', revision: 'C', lot: 'BD-77', armed: false });
  assert.deepEqual(parseScan('  SEAT-25 | A | ST-12 \r\n', idle), {
    kind: 'lot',
    material: 'SEAT-25',
    revision: 'A',
    lot: 'ST-12',
    armed: false,
  });
});

test('scanner control characters (GS, CR) are not part of a label', () => {
  assert.deepEqual(parseScan('\u001dSCR-M8|A|SC-9\r', idle), { kind: 'lot', material: 'SCR-M8', revision: 'A', lot: 'SC-9', armed: false });
});

test('a label with a missing or extra part is not understood and says what a label looks like', () => {
  for (const text of ['BODY-25|C', 'BODY-25||BD-1', 'A|B|C|D', '|C|BD-1']) {
    const scan = parseScan(text, atWork);
    assert.equal(scan.kind, 'unknown', text);
    assert.match(scan.kind === 'unknown' ? scan.message : '', /MATERIAL\|REVISION\|LOT/);
  }
});

test('the current unit or a waiting unit is recognised by its serial, also in another letter case', () => {
  assert.deepEqual(parseScan('PO-1-0001', atWork), { kind: 'unit', serial: 'PO-1-0001', known: true });
  assert.deepEqual(parseScan('po-2-0001', atWork), { kind: 'unit', serial: 'PO-2-0001', known: true });
});

test('a serial not waiting here is still a unit: the station says where it is due', () => {
  assert.deepEqual(parseScan('PO-9-0003', atWork), { kind: 'unit', serial: 'PO-9-0003', known: false });
});

test('with one component armed, a bare lot number is a lot of that component', () => {
  const armed: ScanContext = { ...atWork, armed: { material: 'BONNET-25', revision: 'B' } };
  assert.deepEqual(parseScan('BN-5', armed), { kind: 'lot', material: 'BONNET-25', revision: 'B', lot: 'BN-5', armed: true });
  // A serial that is known here still wins over the armed component; a full label is taken as scanned.
  assert.deepEqual(parseScan('PO-1-0002', armed), { kind: 'unit', serial: 'PO-1-0002', known: true });
  assert.equal(parseScan('SCR-M8|A|SC-9', armed).kind, 'lot');
  assert.equal((parseScan('SCR-M8|A|SC-9', armed) as { material: string }).material, 'SCR-M8');
});

test('anything else is not understood, with what to scan instead; blank scans are ignored', () => {
  const scan = parseScan('hello', atWork);
  assert.equal(scan.kind, 'unknown');
  assert.equal(
    scan.kind === 'unknown' ? scan.message : '',
    'Not understood: “hello”. Scan a unit serial or a component label MATERIAL|REVISION|LOT.',
  );
  assert.deepEqual(parseScan(' \r\n', atWork), { kind: 'empty' });
});

test('a very long scan is cut short in the message', () => {
  const scan = parseScan('X'.repeat(500), idle);
  assert.equal(scan.kind, 'unknown');
  assert.ok(scan.kind === 'unknown' && scan.message.length < 160);
});

test('readings: a decimal comma is a decimal point; text that is not a number is not a reading', () => {
  assert.equal(parseReading('12.1'), 12.1);
  assert.equal(parseReading(' 12,1 '), 12.1);
  assert.equal(parseReading('-0.5'), -0.5);
  assert.equal(parseReading('.3'), 0.3);
  for (const bad of ['', 'abc', '1.2.3', '12 kN', '1e3']) assert.equal(parseReading(bad), null, bad);
});

test('readings are judged live against the limits, limits included', () => {
  const force = { name: 'Press force', unit: 'kN', low: 10, high: 14 };
  assert.equal(judgeReading(force, ''), 'empty');
  assert.equal(judgeReading(force, 'x'), 'invalid');
  assert.equal(judgeReading(force, '10'), 'pass');
  assert.equal(judgeReading(force, '14,0'), 'pass');
  assert.equal(judgeReading(force, '15.2'), 'fail');
  assert.equal(limitsText(force), '10…14 kN');
  assert.equal(measureId('Leak  rate'), 'Leak-rate');
});

test('the result banner says pass or fail, why, and where the unit goes next', () => {
  const done = { serial: 'PO-1-0001', operation: 10, result: 'pass' as const, unitStatus: 'queued', reason: null, reworkTo: null };
  assert.equal(completionResult(done, 'operation 20 (Fit bonnet) on WC20').detail, 'Next: operation 20 (Fit bonnet) on WC20.');
  assert.match(completionResult({ ...done, operation: 40, unitStatus: 'completed' }, null).headline, /PASS · PO-1-0001 is complete/);
  const scrapped = completionResult({ ...done, result: 'fail', unitStatus: 'scrapped', reason: 'Press force 15.2 kN outside 10…14' }, null);
  assert.equal(scrapped.headline, 'FAIL · PO-1-0001 scrapped');
  assert.match(scrapped.detail, /^Press force 15\.2 kN outside 10…14\./);
  const rework = completionResult({ ...done, result: 'fail', reason: 'Torque 9 N·m outside 7.2…8.8', reworkTo: 20 }, null);
  assert.equal(rework.headline, 'FAIL · PO-1-0001 sent to rework');
  assert.match(rework.detail, /Rework: operation 20\./);
});
