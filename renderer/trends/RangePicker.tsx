import { LAST_RANGES, type TrendRange } from './model';

const pad = (n: number) => String(n).padStart(2, '0');
/** A <input type="datetime-local"> value for a time, local clock. */
const localInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Last 10 min / 1 h / 8 h, or a custom from–to; follow (re-read every few seconds) applies to "last …" ranges. */
export function RangePicker({
  range,
  follow,
  onRange,
  onFollow,
}: {
  range: TrendRange;
  follow: boolean;
  onRange: (r: TrendRange) => void;
  onFollow: (f: boolean) => void;
}) {
  const value = range.kind === 'last' ? String(range.minutes) : 'custom';
  const change = (next: string) => {
    if (next === 'custom') {
      const minutes = range.kind === 'last' ? range.minutes : 60;
      onRange({ kind: 'custom', from: localInput(Date.now() - minutes * 60_000), to: localInput(Date.now()) });
    } else onRange({ kind: 'last', minutes: Number(next) });
  };
  return (
    <div className="form-row trend-range">
      <label className="field">
        <span>Time range</span>
        <select data-testid="trend-range" value={value} onChange={(e) => change(e.target.value)}>
          {LAST_RANGES.map((r) => (
            <option key={r.minutes} value={r.minutes}>
              {r.label}
            </option>
          ))}
          <option value="custom">Custom from – to…</option>
        </select>
      </label>
      {range.kind === 'custom' ? (
        <>
          <label className="field">
            <span>From</span>
            <input type="datetime-local" data-testid="trend-from" value={range.from} onChange={(e) => onRange({ ...range, from: e.target.value })} />
          </label>
          <label className="field">
            <span>To</span>
            <input type="datetime-local" data-testid="trend-to" value={range.to} onChange={(e) => onRange({ ...range, to: e.target.value })} />
          </label>
        </>
      ) : (
        <label className="check trend-follow">
          <input type="checkbox" data-testid="trend-follow" checked={follow} onChange={(e) => onFollow(e.target.checked)} /> Follow live (re-read
          every 5 s)
        </label>
      )}
    </div>
  );
}
