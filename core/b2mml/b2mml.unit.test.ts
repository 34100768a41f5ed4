import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseB2mml, type B2mmlImport } from './index';

// B2MML examples kept as fixtures: public ones, and our own written to the shape of MTConnect's B2MML gateway
// examples (source, version and license: tests/fixtures/standards/README.md).
const STANDARDS = new URL('../../tests/fixtures/standards/b2mml/', import.meta.url);
const FIXTURES = new URL('../../tests/fixtures/b2mml/', import.meta.url);
const read = (dir: string, file: string) => readFileSync(new URL(`${dir}/${file}`, STANDARDS), 'utf8');

function imported(xml: string, options = {}): B2mmlImport {
  const r = parseB2mml(xml, options);
  if (!r.ok) assert.fail(`expected an import, got: ${r.error.message}`);
  return r.value;
}
function refused(xml: string, reason: RegExp, line?: number, options = {}) {
  const r = parseB2mml(xml, options);
  if (r.ok) assert.fail(`expected a refusal matching ${reason}`);
  assert.equal(r.error.code, 'b2mml_invalid');
  assert.match(r.error.message, reason);
  if (line !== undefined) {
    assert.equal(r.error.details?.['line'], line);
    assert.match(r.error.message, new RegExp(`line ${line}\\b`));
  }
  return r.error;
}

describe('B2MML examples from tests/fixtures/standards', () => {
  const V0401 = 'examples-v0401-courbon';
  const V0600 = 'examples-v0600-mtconnect-style';
  const checks: Record<string, () => void> = {
    [`${V0401}/PRO-20121210181416-27942.xml`]: () => {
      const xml = read(V0401, 'PRO-20121210181416-27942.xml');
      // The real message has no EndTime anywhere: refused unless the caller supplies a due date.
      refused(xml, /ProductionRequest\[1\]: order 258456 has no EndTime and no LatestEndTime/, 12);
      const v = imported(xml, { defaultDueDate: '2012-12-31' });
      assert.deepEqual([v.kind, v.version, v.verb], ['ProductionSchedule', 'V0401', 'Sync']);
      assert.deepEqual(v.orders, [{ number: '258456', product: 'SO1215', revision: 'A', quantity: 1, dueDate: '2012-12-31', priority: 5 }]);
      assert.ok(v.warnings.some((w) => /quantity is in KG/.test(w)));
    },
    [`${V0401}/MAT-20121210170256-CRBN0001.xml`]: () => {
      const v = imported(read(V0401, 'MAT-20121210170256-CRBN0001.xml'));
      assert.deepEqual([v.kind, v.version, v.verb, v.orders], ['MaterialDefinition', 'V0401', 'Sync', []]);
      assert.deepEqual(v.materials, [{ id: 'CRBN0001', revision: 'A', description: 'Product Courbon0001', unitOfMeasure: 'KG' }]);
    },
    [`${V0401}/LOT-20121210170718-0001L0001.xml`]: () =>
      void refused(read(V0401, 'LOT-20121210170718-0001L0001.xml'), /material lots and sub-lots are not imported/, 13),
    [`${V0401}/INV-20121210175555-0001L0001_01.xml`]: () =>
      void refused(read(V0401, 'INV-20121210175555-0001L0001_01.xml'), /material lots and sub-lots are not imported/, 13),
    [`${V0401}/PES-20121229115825-53107.xml`]: () =>
      void refused(read(V0401, 'PES-20121229115825-53107.xml'), /ProductionPerformance is reported by the MES, not imported.*releaseID/, 2),
    [`${V0600}/ProductionSchedule_extracted_from_Schedule.xml`]: () => {
      const v = imported(read(V0600, 'ProductionSchedule_extracted_from_Schedule.xml'));
      assert.deepEqual([v.kind, v.version, v.verb], ['ProductionSchedule', 'V0600', undefined]);
      // ids with trailing spaces are trimmed; 0.12E2 → 12; product from ProductSegmentID (no MaterialDefinitionID).
      assert.deepEqual(v.orders, [
        { number: 'W25-0088', product: 'BRKT-0420', revision: 'A', quantity: 12, dueDate: '2025-03-21T16:00:00-05:00', priority: 5 },
      ]);
    },
    [`${V0600}/Schedule.xml`]: () => {
      const v = imported(read(V0600, 'Schedule.xml'));
      assert.equal(v.version, 'V0600');
      assert.deepEqual(v.orders.map((o) => [o.number, o.product, o.quantity, o.dueDate]), [['W25-0088', 'BRKT-0420', 12, '2025-03-21T16:00:00-05:00']]);
      assert.ok(v.warnings.some((w) => /inside <B2mmlProductionSchedule>/.test(w)));
    },
    // Read as far as it goes, then refused with the reason: its one segment says neither where it runs nor how long.
    [`${V0600}/Definition.xml`]: () =>
      void refused(read(V0600, 'Definition.xml'), /ProductSegment\[1\]: segment BRKT-0420 of BRKT-0420 names no work center \(EquipmentSpecification\/EquipmentID or ProcessSegmentID\)/, 5),
    [`${V0600}/assets_A25-00731.xml`]: () =>
      void refused(read(V0600, 'assets_A25-00731.xml'), /segment 61208 of 61208-02 names no work center/, 12),
  };

  for (const dir of [V0401, V0600]) {
    for (const file of readdirSync(new URL(dir, STANDARDS))) {
      it(`${dir}/${file}`, () => {
        const check = checks[`${dir}/${file}`];
        assert.ok(check, `no expectation written for ${dir}/${file}`);
        check();
      });
    }
  }
});

describe('V7 OperationsSchedule', () => {
  it('imports the hand-written ProcessOperationsSchedule', () => {
    const v = imported(readFileSync(new URL('v7-process-operations-schedule.xml', FIXTURES), 'utf8'));
    assert.deepEqual([v.kind, v.version, v.verb], ['OperationsSchedule', 'V7', 'Process']);
    assert.deepEqual(v.orders, [
      { number: 'WO-7001', product: 'PUMP-100', revision: 'C', quantity: 25, dueDate: '2026-11-27T16:00:00Z', priority: 2 },
      { number: 'WO-7002', product: 'VALVE-20', revision: 'A', quantity: 120, dueDate: '2026-11-30T12:00:00Z', priority: 5 },
    ]);
  });
});
