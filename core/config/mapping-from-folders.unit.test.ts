import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mappingFromPlcFolders } from './mapping-from-folders';

const line = { id: 'L2', workCenters: [{ id: 'PRESS', plcFolder: 'Press1' }, { id: 'TEST', plcFolder: '' }] };

test('every signal of a work center with a PLC folder is filled on the chosen connection, and the next-serial tag', () => {
  const m = mappingFromPlcFolders({ nextSerial: null, workCenters: [] }, line, 'plc-2');
  assert.deepEqual(m.nextSerial, { connection: 'plc-2', address: 'nsu=urn:control-room-mes:line-plc;s=L2.NextSerial' });
  assert.deepEqual(m.workCenters.map((w) => w.workCenter), ['PRESS'], 'a work center without a folder is left alone');
  const press = m.workCenters[0]!.signals;
  assert.deepEqual(press.state, { connection: 'plc-2', address: 'nsu=urn:control-room-mes:line-plc;s=L2.Press1.State' });
  assert.equal(Object.keys(press).length, 10);
  assert.equal(press.command, undefined, 'commands to the PLC are mapped by hand only');
});

test('what is mapped already is kept', () => {
  const mine = { connection: 'other', address: 'ns=3;s=MyState' };
  const before = { nextSerial: mine, workCenters: [{ workCenter: 'PRESS', signals: { state: mine } }] };
  const m = mappingFromPlcFolders(before, line, 'plc-2');
  assert.deepEqual(m.nextSerial, mine);
  assert.deepEqual(m.workCenters[0]!.signals.state, mine);
  assert.equal(m.workCenters[0]!.signals.goodCount?.connection, 'plc-2');
  assert.deepEqual(before.workCenters[0]!.signals, { state: mine }, 'the mapping given is not changed');
});
