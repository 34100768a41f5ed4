import type { WorkCenterDraft } from './draft';

/** The work centers as rows: edit in place, move up or down (the line's order), remove. */
export function WorkCenterRows({ rows, disabled, onChange }: { rows: readonly WorkCenterDraft[]; disabled: boolean; onChange: (rows: readonly WorkCenterDraft[]) => void }) {
  const update = (key: number, patch: Partial<WorkCenterDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row) next.splice(index + by, 0, row);
    onChange(next);
  };
  const cell = (row: WorkCenterDraft, name: 'id' | 'name' | 'description' | 'plcFolder' | 'packml', label: string, index: number, placeholder = '') => (
    <td>
      <input
        aria-label={`${label} of work center ${index + 1}`}
        data-testid={`setup-wc-${index}-${name}`}
        value={row[name]}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => update(row.key, { [name]: e.target.value })}
        autoComplete="off"
      />
    </td>
  );
  return (
    <table className="table" data-testid="setup-wcs" data-count={rows.length}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Id</th>
          <th scope="col">Name</th>
          <th scope="col">What it does</th>
          <th scope="col">PLC folder</th>
          <th scope="col">PackML mapping (PLC value=state)</th>
          <th scope="col">
            <span className="sr-only">Order and removal</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.key}>
            <td>{index + 1}</td>
            {cell(row, 'id', 'Id', index, 'WC10')}
            {cell(row, 'name', 'Name', index, 'Press-fit')}
            {cell(row, 'description', 'What it does', index)}
            {cell(row, 'plcFolder', 'PLC folder', index)}
            {cell(row, 'packml', 'PackML mapping', index, 'RUN=Execute, STOP=Stopped')}
            <td className="row-actions">
              <button type="button" className="button button-small" disabled={disabled || index === 0} onClick={() => move(index, -1)} aria-label={`Move work center ${index + 1} up`}>
                ↑
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={disabled || index === rows.length - 1}
                onClick={() => move(index, 1)}
                aria-label={`Move work center ${index + 1} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button-small"
                data-testid={`setup-wc-${index}-remove`}
                disabled={disabled || rows.length === 1}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
