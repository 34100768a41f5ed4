import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { OrderView } from '../../core';
import { formatDate, formatDateTime } from '../shell/format';
import { Indicator } from '../shell/Indicator';
import { STATUS_LABEL } from './actions';

type Cell = ICellRendererParams<OrderView>;

function ProgressCell({ data }: Cell) {
  if (!data) return null;
  const share = data.quantity > 0 ? Math.min(1, data.unitsGood / data.quantity) : 0;
  // Work in progress of the order: units (or, for a lot, quantity) started and not yet finished.
  const inWork = Math.max(0, data.unitsStarted - data.unitsGood - data.unitsScrapped);
  return (
    <div className="progress-cell" aria-label={`${data.unitsGood} of ${data.quantity} good, ${inWork} in work, ${data.unitsScrapped} scrapped`}>
      <span className="progress-bar" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="progress-text">
        {data.unitsGood}/{data.quantity}
      </span>
      {inWork > 0 && <span className="muted">{inWork} in work</span>}
      {data.unitsScrapped > 0 && <span className="muted">{data.unitsScrapped} scrapped</span>}
    </div>
  );
}

/** Held is the one abnormal order status: diamond + word + reason. */
function StatusCell({ data }: Cell) {
  if (!data) return null;
  if (data.status !== 'held') return <span>{STATUS_LABEL[data.status]}</span>;
  return (
    <span className="cell-abnormal" title={data.holdReason ?? undefined}>
      <Indicator kind="attention" /> Held{data.holdReason ? ` – ${data.holdReason}` : ''}
    </span>
  );
}

/** An ETA after the due date is flagged with shape and words, not colour alone. */
function EtaCell({ data }: Cell) {
  if (!data) return null;
  if (data.eta === null) return <span className="muted">–</span>;
  const late = new Date(data.eta).getTime() > dueEnd(data.dueDate);
  return late ? (
    <span className="cell-abnormal">
      <Indicator kind="attention" /> {formatDateTime(data.eta)} late
    </span>
  ) : (
    <span>{formatDateTime(data.eta)}</span>
  );
}

const HINT_SHORT = { late: 'Late', changeover: 'Changeover', material: 'Material', disposition: '⚑ Held' } as const;

/** Hints for resequencing: words with a shape for the abnormal ones (late, material short); changeover is information. */
function HintsCell({ data }: Cell) {
  if (!data || data.hints.length === 0) return null;
  return (
    <span className="hints-cell" title={data.hints.map((h) => h.text).join('\n')} data-testid={`order-hints-${data.number}`}>
      {data.hints.map((h) => (
        <span key={h.kind + h.text} className={h.kind === 'changeover' ? 'hint-info' : 'cell-abnormal'} data-kind={h.kind}>
          {h.kind !== 'changeover' && <Indicator kind="attention" />} {HINT_SHORT[h.kind]}
        </span>
      ))}
    </span>
  );
}

/** A date-only due date means "by the end of that day", local time. */
function dueEnd(due: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59).getTime();
  const time = new Date(due).getTime();
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

export const columns: ColDef<OrderView>[] = [
  {
    colId: 'sequence',
    headerName: 'Seq',
    field: 'sequence',
    width: 84,
    // Dispatched orders can be dragged by this handle to another place in the dispatch list.
    rowDrag: (p) => p.data?.sequence != null,
    valueFormatter: (p) => (p.value == null ? '–' : String(p.value)),
  },
  { colId: 'number', headerName: 'Order', field: 'number', width: 110, cellClass: 'tabular' },
  { colId: 'product', headerName: 'Product', field: 'product', flex: 1, minWidth: 100 },
  { colId: 'revision', headerName: 'Rev', field: 'revision', width: 64 },
  { colId: 'quantity', headerName: 'Qty', field: 'quantity', width: 70, type: 'numericColumn' },
  {
    colId: 'progress',
    headerName: 'Progress',
    width: 220,
    valueGetter: (p) => (p.data ? p.data.unitsGood / Math.max(1, p.data.quantity) : 0),
    cellRenderer: ProgressCell,
  },
  { colId: 'status', headerName: 'Status', field: 'status', flex: 1, minWidth: 140, cellRenderer: StatusCell, tooltipField: 'holdReason' },
  { colId: 'dueDate', headerName: 'Due', field: 'dueDate', width: 116, valueFormatter: (p) => formatDate(p.value ?? null) },
  { colId: 'priority', headerName: 'Priority', field: 'priority', width: 84, type: 'numericColumn' },
  { colId: 'eta', headerName: 'ETA', field: 'eta', width: 214, cellRenderer: EtaCell },
  {
    colId: 'hints',
    headerName: 'Hints',
    width: 230,
    valueGetter: (p) => p.data?.hints.map((h) => h.kind).join(' ') ?? '',
    cellRenderer: HintsCell,
  },
];
