/**
 * Reporting back to ERP: what was built for an order, as B2MML. V0600 ProductionPerformance and V7 (ISA-95 2018)
 * OperationsPerformance, element order as their schemas give it. Pure: the station supplies the figures.
 */
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

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, value: string | number | null | undefined, indent: string) =>
  value === null || value === undefined ? '' : `${indent}<${name}>${esc(String(value))}</${name}>\n`;
const quantity = (n: number, unit: string, key: string | null, indent: string) =>
  `${indent}<Quantity>\n${el('QuantityString', n, `${indent}  `)}${el('DataType', 'integer', `${indent}  `)}${el('UnitOfMeasure', unit, `${indent}  `)}${key ? el('Key', key, `${indent}  `) : ''}${indent}</Quantity>\n`;

/** B2MML ResponseState for the order's status. */
const responseState = (status: string) =>
  ({ completed: 'Completed', in_progress: 'Running', held: 'Held', cancelled: 'Aborted', dispatched: 'Ready', released: 'Released' })[status] ?? 'Pending';

export function productionPerformanceV0600(p: PerformanceInput): string {
  const i = '      ';
  const last = p.operations[p.operations.length - 1];
  const segments = p.operations
    .map((op) => {
      let s = `    <SegmentResponse>\n${el('ID', op.seq, i)}${el('ProcessSegmentID', op.workCenter, i)}${el('Description', op.name, i)}`;
      s += `${el('ActualStartTime', op.start, i)}${el('ActualEndTime', op.end, i)}`;
      if (op === last) {
        s += `${i}<MaterialProducedActual>\n${el('MaterialDefinitionID', p.order.product, `${i}  `)}${quantity(p.good, p.unitOfMeasure, 'Good', `${i}  `)}`;
        s += `${quantity(p.scrapped, p.unitOfMeasure, 'Scrap', `${i}  `)}${i}</MaterialProducedActual>\n`;
      }
      for (const c of op.consumed) {
        s += `${i}<MaterialConsumedActual>\n${el('MaterialDefinitionID', c.material, `${i}  `)}${el('MaterialLotID', c.lot, `${i}  `)}${quantity(c.quantity, 'ea', null, `${i}  `)}${i}</MaterialConsumedActual>\n`;
      }
      return `${s}    </SegmentResponse>\n`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ProductionPerformance xmlns="http://www.mesa.org/xml/B2MML-V0600">\n` +
    `${el('ID', `PP-${p.order.number}`, '  ')}${el('PublishedDate', p.publishedAt, '  ')}${el('StartTime', p.start, '  ')}${el('EndTime', p.end, '  ')}` +
    `  <ProductionResponse>\n${el('ID', p.order.number, '    ')}${el('ProductionRequestID', p.order.number, '    ')}` +
    `${el('StartTime', p.start, '    ')}${el('EndTime', p.end, '    ')}${segments}${el('ResponseState', responseState(p.order.status), '    ')}` +
    `  </ProductionResponse>\n</ProductionPerformance>\n`
  );
}

export function operationsPerformanceV7(p: PerformanceInput): string {
  const i = '      ';
  const last = p.operations[p.operations.length - 1];
  const material = (id: string, use: string, n: number, key: string | null, lot?: string) =>
    `${i}<MaterialActual>\n${el('MaterialDefinitionID', id, `${i}  `)}${el('MaterialLotID', lot, `${i}  `)}${el('MaterialUse', use, `${i}  `)}${quantity(n, p.unitOfMeasure, key, `${i}  `)}${i}</MaterialActual>\n`;
  const segments = p.operations
    .map((op) => {
      let s = `    <SegmentResponse>\n${el('ID', op.seq, i)}${el('Description', op.name, i)}${el('ActualStartTime', op.start, i)}${el('ActualEndTime', op.end, i)}`;
      s += `${el('OperationsType', 'Production', i)}${el('ProcessSegmentID', op.workCenter, i)}${el('OperationsRequestID', p.order.number, i)}`;
      if (op === last) s += material(p.order.product, 'Produced', p.good, 'Good') + material(p.order.product, 'Produced', p.scrapped, 'Scrap');
      for (const c of op.consumed) s += material(c.material, 'Consumed', c.quantity, null, c.lot);
      return `${s}    </SegmentResponse>\n`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<OperationsPerformance xmlns="http://www.mesa.org/xml/B2MML">\n` +
    `${el('ID', `OP-${p.order.number}`, '  ')}${el('PublishedDate', p.publishedAt, '  ')}${el('StartTime', p.start, '  ')}${el('Endtime', p.end, '  ')}` +
    `${el('OperationsType', 'Production', '  ')}` +
    `  <OperationsResponse>\n${el('ID', p.order.number, '    ')}${el('StartTime', p.start, '    ')}${el('EndTime', p.end, '    ')}` +
    `${el('OperationsType', 'Production', '    ')}${el('OperationsRequestID', p.order.number, '    ')}${el('ResponseState', responseState(p.order.status), '    ')}${segments}` +
    `  </OperationsResponse>\n</OperationsPerformance>\n`
  );
}
