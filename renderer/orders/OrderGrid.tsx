import { AllCommunityModule, ModuleRegistry, type CellFocusedEvent, type GridApi, type RowDragEndEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useRef, type RefObject } from 'react';
import type { OrderView } from '../../core';
import { columns } from './columns';
import { gridTheme } from './grid-theme';

// AG Grid 33+ ships as modules that must be registered before the first grid renders.
ModuleRegistry.registerModules([AllCommunityModule]);

const defaultColDef = {
  sortable: true,
  resizable: true,
  // Alt+Arrow moves the order in the dispatch list (handled by the screen), not the grid's focus.
  suppressKeyboardEvent: (params: { event: KeyboardEvent }) => params.event.altKey,
};

export interface OrderGridProps {
  readonly orders: readonly OrderView[];
  readonly onSelect: (number: string | null) => void;
  /** A dispatched order dropped on another dispatched order's row: move it to that position. */
  readonly onDrop?: (number: string, toPosition: number) => void;
  /** Once this order is in the data: select it, scroll to it and, if the grid has the keyboard focus, focus its row. */
  readonly selectAfterUpdate: RefObject<string | null>;
}

/**
 * The order board. Each row's id is the order number (AG Grid renders it as the row's `row-id` attribute),
 * so live re-reads keep the selection. Keyboard: arrows move the focus and the selection follows it.
 */
export function OrderGrid({ orders, onSelect, selectAfterUpdate, onDrop }: OrderGridProps) {
  // The station decides: the grid does not reorder rows itself; the list is re-read after the move (or its refusal).
  const dropped = (event: RowDragEndEvent<OrderView>) => {
    const number = event.node.data?.number;
    const to = event.overNode?.data?.sequence;
    if (number && to != null && to !== event.node.data?.sequence) onDrop?.(number, to);
  };
  const apiRef = useRef<GridApi<OrderView> | null>(null);

  const selectFocused = (event: CellFocusedEvent<OrderView>) => {
    if (event.rowIndex === null || event.rowPinned) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node && !node.isSelected()) node.setSelected(true, true, 'api');
  };

  const hostRef = useRef<HTMLDivElement>(null);

  // Rows are re-read after every change; an order that moved or was just created keeps the operator's attention.
  const followOrder = () => {
    const api = apiRef.current;
    const number = selectAfterUpdate.current;
    if (!api || number === null) return;
    const node = api.getRowNode(number);
    if (node?.rowIndex == null) return;
    selectAfterUpdate.current = null;
    node.setSelected(true, true, 'api');
    api.ensureIndexVisible(node.rowIndex);
    if (hostRef.current?.contains(document.activeElement)) {
      api.setFocusedCell(node.rowIndex, api.getFocusedCell()?.column.getColId() ?? 'number');
    }
  };

  return (
    <div ref={hostRef} className="order-grid">
      <AgGridReact<OrderView>
        theme={gridTheme}
        rowData={orders as OrderView[]}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(params) => params.data.number}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        suppressNoRowsOverlay
        animateRows={false}
        onCellFocused={selectFocused}
        onSelectionChanged={(event) => onSelect(event.api.getSelectedRows()[0]?.number ?? null)}
        onRowDataUpdated={followOrder}
        onRowDragEnd={dropped}
        onGridReady={(event) => {
          apiRef.current = event.api;
          followOrder();
        }}
      />
    </div>
  );
}
