/** OEE by shift or day over a range of days: the two choices above an OEE trend (station and plant alike). */
export function PeriodPicker<R extends string>({
  by,
  onBy,
  range,
  onRange,
  ranges,
  testid,
}: {
  by: 'shift' | 'day';
  onBy: (by: 'shift' | 'day') => void;
  range: R;
  onRange: (range: R) => void;
  /** Each range's value and words, in the order offered. */
  ranges: readonly (readonly [R, string])[];
  testid: string;
}) {
  return (
    <div className="toolbar">
      <label className="field">
        <span>By</span>
        <select data-testid={`${testid}-by`} value={by} onChange={(e) => onBy(e.target.value as 'shift' | 'day')}>
          <option value="shift">Shift</option>
          <option value="day">Day</option>
        </select>
      </label>
      <label className="field">
        <span>Over the last</span>
        <select data-testid={`${testid}-range`} value={range} onChange={(e) => onRange(e.target.value as R)}>
          {ranges.map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
