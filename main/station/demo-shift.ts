import { B2MML_V0600_NS, parseB2mml, writeXml, xmlElement, xmlLeaf, type CommandContext, type ProductDefinition } from '../../core';
import type { Commands } from './commands';
import type { Log } from './log';

/** The demo's products and how many of each a shift's orders ask for, in turn. */
const MIX = [12, 8, 10, 6, 14, 8, 10, 12];

/**
 * A shift's schedule as ERP would send it: a B2MML V0600 ProductionSchedule of orders due through the shift, one
 * after another, for the demo's products.
 */
export function demoShiftSchedule(now: Date, products: readonly ProductDefinition[]): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const requests = MIX.map((quantity, i) => {
    const p = products[i % products.length]!;
    const due = new Date(now.getTime() + (i + 1) * 60 * 60_000).toISOString();
    return xmlElement('ProductionRequest', [
      xmlLeaf('ID', `PO-${day}-${String(i + 1).padStart(2, '0')}`),
      xmlLeaf('Priority', i < 2 ? 2 : 5),
      xmlLeaf('EndTime', due),
      xmlElement('SegmentRequirement', [
        xmlLeaf('ProductSegmentID', 'ASSEMBLY'),
        xmlElement('MaterialProducedRequirement', [
          xmlLeaf('MaterialDefinitionID', p.product),
          xmlElement('Quantity', [xmlLeaf('QuantityString', quantity), xmlLeaf('UnitOfMeasure', 'ea')]),
          xmlElement('MaterialProducedRequirementProperty', [xmlLeaf('ID', 'Revision'), xmlElement('Value', [xmlLeaf('ValueString', p.revision)])]),
          // A configurable product: each option's values in turn (the station's Option:<name> property).
          ...(p.options ?? []).map((o) =>
            xmlElement('MaterialProducedRequirementProperty', [xmlLeaf('ID', `Option:${o.name}`), xmlElement('Value', [xmlLeaf('ValueString', o.values[i % o.values.length]!.value)])]),
          ),
        ]),
      ]),
    ]);
  });
  return writeXml(xmlElement('ProductionSchedule', [xmlLeaf('ID', `SHIFT-${day}`), ...requests], { namespaces: { '': B2MML_V0600_NS } }));
}

/**
 * A new demo station's first start: the shift's schedule comes in through the normal B2MML intake, and the shift lead
 * releases and dispatches it, so the line is running when the HMI opens. Serial-tracked products only (the line's
 * PLC builds units).
 */
export async function receiveDemoShift(commands: Commands, products: readonly ProductDefinition[], now: Date, log: Log): Promise<void> {
  const serial = products.filter((p) => p.tracking === 'serial');
  if (serial.length === 0) return;
  const parsed = parseB2mml(demoShiftSchedule(now, serial));
  if (!parsed.ok) throw new Error(`the demo schedule: ${parsed.error.message}`);
  const erp: CommandContext = commands.context('erp', { source: 'demo schedule (B2MML)' });
  const received = await commands.importMessage(parsed.value.orders, parsed.value.materials, erp);
  if (!received.ok) throw new Error(`the demo schedule: ${received.error.message}`);
  const lead = commands.context('lead', { source: 'demo schedule' });
  for (const number of received.value.received) {
    for (const action of ['release', 'dispatch'] as const) {
      const r = await commands.orderAction({ number, action }, lead);
      if (!r.ok) log.warn(`demo schedule: ${action} ${number}: ${r.error.message}`);
    }
  }
  log.info(`demo schedule: ${received.value.received.length} orders received from ERP (B2MML) and dispatched to the line`);
}
