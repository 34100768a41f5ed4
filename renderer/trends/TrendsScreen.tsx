import { useEffect, useMemo, useState } from 'react';
import type { TagRef } from '../../core';
import { formatTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { PENS } from './chart-options';
import { formatNumber, stats, tagId, tagLabel, type TrendRange } from './model';
import { RangePicker } from './RangePicker';
import { TagPicker } from './TagPicker';
import { TrendChart } from './TrendChart';
import { useHistory } from './useHistory';
import './trends.css';

// Kept while the HMI is open, so coming back to Trends shows the same chart.
// Until someone picks tags, the screen shows the line's key tags: the first ones the historian keeps.
let remembered: { tags: TagRef[]; range: TrendRange; follow: boolean; picked: boolean } = { tags: [], range: { kind: 'last', minutes: 60 }, follow: true, picked: false };
const KEY_TAGS = 4;

/** ~2 points per pixel of chart width; the station thins longer histories down to this. */
const pointsFor = (width: number) => Math.max(200, Math.min(20_000, Math.round(width / 100) * 200));

/** Historized tags over time: pick tags and a range; the chart follows live for "last …" ranges. */
export function TrendsScreen() {
  const config = useLiveQuery('getConfig', {}, ['config']);
  const [tags, setPicked] = useState<TagRef[]>(remembered.tags);
  const [picked, setPickedOnce] = useState(remembered.picked);
  const [range, setRange] = useState<TrendRange>(remembered.range);
  const [follow, setFollow] = useState(remembered.follow);
  const [width, setWidth] = useState(1200);
  remembered = { tags, range, follow, picked };
  const setTags = (next: TagRef[]) => {
    setPickedOnce(true);
    setPicked(next);
  };
  const historized = config.data?.historian.tags;
  useEffect(() => {
    if (picked || !historized || tags.length > 0) return;
    setPicked(historized.slice(0, KEY_TAGS).map((t) => ({ connection: t.connection, address: t.address })));
  }, [picked, historized, tags.length]);
  const history = useHistory(tags, range, pointsFor(width), follow && range.kind === 'last');
  const end = history.window?.to ?? Date.now();
  const penOf = (tag: TagRef): string =>
    PENS[
      Math.max(
        0,
        tags.findIndex((t) => tagId(t) === tagId(tag)),
      ) % PENS.length
    ] ?? '#1f1f1f';
  const series = history.series;
  const pens = useMemo(
    () =>
      series.map(
        (s) =>
          PENS[
            Math.max(
              0,
              tags.findIndex((t) => tagId(t) === tagId(s.tag)),
            ) % PENS.length
          ] ?? '#1f1f1f',
      ),
    [series, tags],
  );
  const fallback = useMemo(() => ({ from: Date.now() - 3_600_000, to: Date.now() }), []);

  return (
    <div className="trends-screen">
      <div className="orders-head">
        <h2>Trends</h2>
        {history.readAt && (
          <span className="muted" role="status" data-testid="trend-read-at">
            Read at {formatTime(history.readAt)}
            {follow && range.kind === 'last' ? ' · following live' : ''}
          </span>
        )}
      </div>
      <section className="panel trend-controls" aria-label="Tags and time range">
        <TagPicker config={config.data} selected={tags} onChange={setTags} />
        <RangePicker range={range} follow={follow} onRange={setRange} onFollow={setFollow} />
      </section>
      {config.error && !config.data && (
        <p className="message message-error" role="alert">
          The historized tags cannot be listed: {config.error.message}. You can still type a connection and address.
        </p>
      )}
      {history.errors.length > 0 && (
        <div className="message message-error" role="alert" data-testid="trend-error">
          {history.errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      )}
      <section className="panel trend-panel">
        {tags.length === 0 ? (
          <p className="empty" data-testid="trend-empty">
            No tags in the chart. Choose a historized tag above and press “Add tag” (or type a connection and address), then pick a time range.
          </p>
        ) : (
          <div className="trend-chart-host">
            <TrendChart series={history.series} window={history.window ?? fallback} pens={pens} onWidth={setWidth} />
            {history.progress && (
              <div className="trend-loading" role="status" data-testid="trend-loading">
                Reading history… {history.progress.done} of {history.progress.total} tags
                <progress max={history.progress.total} value={history.progress.done} />
              </div>
            )}
          </div>
        )}
        {history.series.length > 0 && (
          <table className="table trend-stats" data-testid="trend-stats">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Last</th>
                <th scope="col">Min</th>
                <th scope="col">Max</th>
                <th scope="col">Points</th>
                <th scope="col">Bad-quality gaps</th>
              </tr>
            </thead>
            <tbody>
              {history.series.map((s) => {
                const st = stats(s, end);
                return (
                  <tr key={tagId(s.tag)}>
                    <td>
                      <span className="pen" style={{ background: penOf(s.tag) }} aria-hidden="true" /> {tagLabel(s.tag)}
                    </td>
                    <td className="tabular">{formatNumber(st.last)}</td>
                    <td className="tabular">{formatNumber(st.min)}</td>
                    <td className="tabular">{formatNumber(st.max)}</td>
                    <td className="tabular">{st.points === 0 ? 'none stored in this range' : st.points}</td>
                    <td className="tabular">
                      {st.gaps.length === 0 ? 'none' : `${st.gaps.length} (${Math.round(st.gaps.reduce((n, [a, b]) => n + b - a, 0) / 1000)} s)`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <p className="hint">Zoom: mouse wheel or drag the slider under the chart; by keyboard, choose a shorter range or a custom from – to.</p>
    </div>
  );
}
