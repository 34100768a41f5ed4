/**
 * Reporting back to ERP: what was built for an order, as B2MML. V0600 ProductionPerformance and V7 (ISA-95 2018)
 * OperationsPerformance, element order as their schemas give it. Pure: the station supplies the figures.
 * Written with the XML writer (./xml-writer), which escapes every value and replaces characters XML 1.0 does not
 * allow, so names, lots and free text from the floor can never change the document's structure.
 */
import { B2MML_V0600_NS, B2MML_V7_NS } from './namespaces';
import { writeXml, xmlElement as el, xmlLeaf as leaf, type XmlNode } from './xml-writer';

export interface PerformanceOperation {
  readonly seq: number;
  readonly name: string;
  readonly workCenter: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly passed: number;
  readonly failed: number;
  /** Components consumed at this operation: BOM quantity per unit × units that passed it; lots when recorded. */
  readonly consumed: readonly { readonly material: string; readonly quantity: number; readonly lot?: string }[];
  /** Electronic signatures given at this operation (the order's own on its first), with their manifestation (21 CFR 11.50). */
  readonly signatures?: readonly { readonly username: string; readonly role: string; readonly meaning: string; readonly manifestation: string }[];
}

export interface PerformanceInput {
  readonly order: { readonly number: string; readonly product: string; readonly revision: string; readonly status: string };
  readonly publishedAt: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly good: number;
  readonly scrapped: number;
  readonly unitOfMeasure: string;
  readonly operations: readonly PerformanceOperation[];
}


const quantity = (n: number, unit: string, key: string | null): XmlNode =>
  el('Quantity', [leaf('QuantityString', n), leaf('DataType', 'integer'), leaf('UnitOfMeasure', unit), key ? leaf('Key', key) : null]);

/** B2MML ResponseState for the order's status. */
const responseState = (status: string) =>
  ({ completed: 'Completed', in_progress: 'Running', held: 'Held', cancelled: 'Aborted', dispatched: 'Ready', released: 'Released' })[status] ?? 'Pending';

export function productionPerformanceV0600(p: PerformanceInput): string {
  const last = p.operations[p.operations.length - 1];
  const segment = (op: PerformanceOperation) =>
    el('SegmentResponse', [
      leaf('ID', op.seq),
      leaf('ProcessSegmentID', op.workCenter),
      leaf('Description', op.name),
      leaf('ActualStartTime', op.start),
      leaf('ActualEndTime', op.end),
      // V0600's PersonnelActual has no use: the manifestation says the meaning.
      ...(op.signatures ?? []).map((g) => el('PersonnelActual', [leaf('PersonnelClassID', g.role), leaf('PersonID', g.username), leaf('Description', g.manifestation)])),
      op === last &&
        el('MaterialProducedActual', [
          leaf('MaterialDefinitionID', p.order.product),
          quantity(p.good, p.unitOfMeasure, 'Good'),
          quantity(p.scrapped, p.unitOfMeasure, 'Scrap'),
        ]),
      ...op.consumed.map((c) =>
        el('MaterialConsumedActual', [leaf('MaterialDefinitionID', c.material), leaf('MaterialLotID', c.lot), quantity(c.quantity, 'ea', null)]),
      ),
    ]);
  return writeXml(
    el(
      'ProductionPerformance',
      [
        leaf('ID', `PP-${p.order.number}`),
        leaf('PublishedDate', p.publishedAt),
        leaf('StartTime', p.start),
        leaf('EndTime', p.end),
        el('ProductionResponse', [
          leaf('ID', p.order.number),
          leaf('ProductionRequestID', p.order.number),
          leaf('StartTime', p.start),
          leaf('EndTime', p.end),
          ...p.operations.map(segment),
          leaf('ResponseState', responseState(p.order.status)),
        ]),
      ],
      { namespaces: { '': B2MML_V0600_NS } },
    ),
  );
}

export function operationsPerformanceV7(p: PerformanceInput): string {
  const last = p.operations[p.operations.length - 1];
  const material = (id: string, use: string, n: number, key: string | null, lot?: string) =>
    el('MaterialActual', [leaf('MaterialDefinitionID', id), leaf('MaterialLotID', lot), leaf('MaterialUse', use), quantity(n, p.unitOfMeasure, key)]);
  const segment = (op: PerformanceOperation) =>
    el('SegmentResponse', [
      leaf('ID', op.seq),
      leaf('Description', op.name),
      leaf('ActualStartTime', op.start),
      leaf('ActualEndTime', op.end),
      leaf('OperationsType', 'Production'),
      leaf('ProcessSegmentID', op.workCenter),
      leaf('OperationsRequestID', p.order.number),
      ...(op.signatures ?? []).map((g) =>
        el('PersonnelActual', [leaf('PersonnelClassID', g.role), leaf('PersonID', g.username), leaf('Description', g.manifestation), leaf('PersonnelUse', g.meaning)]),
      ),
      ...(op === last ? [material(p.order.product, 'Produced', p.good, 'Good'), material(p.order.product, 'Produced', p.scrapped, 'Scrap')] : []),
      ...op.consumed.map((c) => material(c.material, 'Consumed', c.quantity, null, c.lot)),
    ]);
  return writeXml(
    el(
      'OperationsPerformance',
      [
        leaf('ID', `OP-${p.order.number}`),
        leaf('PublishedDate', p.publishedAt),
        leaf('StartTime', p.start),
        // 'Endtime' is how the V7 schema (B2MML-OperationsPerformance.xsd) spells it on OperationsPerformance.
        leaf('Endtime', p.end),
        leaf('OperationsType', 'Production'),
        el('OperationsResponse', [
          leaf('ID', p.order.number),
          leaf('StartTime', p.start),
          leaf('EndTime', p.end),
          leaf('OperationsType', 'Production'),
          leaf('OperationsRequestID', p.order.number),
          leaf('ResponseState', responseState(p.order.status)),
          ...p.operations.map(segment),
        ]),
      ],
      { namespaces: { '': B2MML_V7_NS } },
    ),
  );
}
