import type { Commands } from '../../main/station/commands';
import { demoMasterData, resourcesDir } from './station-fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo materials and products defined, and an order of VLV-100 rev B received, released and dispatched. */
export async function demoOrderDispatched(commands: Commands, number: string, quantity: number): Promise<void> {
  const data = demoMasterData();
  for (const m of data.materials) await commands.defineMaterial(m, commands.context('e'));
  for (const p of data.products) await commands.defineProduct(p, commands.context('e'));
  await commands.receiveOrder({ number, product: 'VLV-100', revision: 'B', quantity, dueDate: '2026-12-31', priority: 5 }, commands.context('s'));
  await commands.orderAction({ number, action: 'release' }, commands.context('s'));
  await commands.orderAction({ number, action: 'dispatch' }, commands.context('s'));
}

/** The demo line's setup with a hand bench (WC90, no PLC folder) after its four work centers. */
export function demoLineWithHandBench(): { line: { workCenters: object[] } } {
  const line = JSON.parse(readFileSync(join(resourcesDir, 'demo', 'line.json'), 'utf8')) as { line: { workCenters: object[] } };
  line.line.workCenters.push({ id: 'WC90', name: 'Hand bench' });
  return line;
}
