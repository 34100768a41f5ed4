import { useEffect, useState } from 'react';
import { tagKey, type TagRef, type TagValueView } from '../../core';
import { Indicator, type IndicatorKind } from '../shell/Indicator';
import { useClient } from '../shell/context';
import { fullTag, shortAddress } from '../shell/tags';

const QUALITY: Record<TagValueView['quality'], { kind: IndicatorKind; text: string }> = {
  good: { kind: 'ok', text: 'Good' },
  uncertain: { kind: 'attention', text: 'Uncertain' },
  bad: { kind: 'no-data', text: 'Bad' },
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const sourceTime = (iso: string | null) => {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};

/**
 * The watched tags' values, pushed by the station while mounted (current values at once, then changes); stops when
 * unmounted. While the live link is down (or the station refuses), the last values stay, greyed, with the reason.
 */
function useWatch(tags: readonly TagRef[]) {
  const client = useClient();
  const [values, setValues] = useState<ReadonlyMap<string, TagValueView>>(new Map());
  const [refused, setRefused] = useState<string | null>(null);
  const [offline, setOffline] = useState(() => client.connection().state === 'offline');
  const key = JSON.stringify(tags);
  useEffect(() => client.onConnection((status) => setOffline(status.state === 'offline')), [client]);
  useEffect(() => {
    const wanted = JSON.parse(key) as TagRef[];
    if (wanted.length === 0) return;
    setRefused(null);
    return client.watchTags(
      wanted,
      (changed) => {
        setRefused(null);
        setValues((previous) => {
          const next = new Map(previous);
          for (const v of changed) next.set(tagKey(v), v);
          return next;
        });
      },
      (error) => setRefused(error.message),
    );
  }, [client, key]);
  const error = refused ?? (offline ? 'the live link to the station is down; this screen keeps trying.' : null);
  return { values, error };
}

export function WatchList({ tags, onRemove }: { tags: readonly TagRef[]; onRemove: (tag: TagRef) => void }) {
  const { values, error } = useWatch(tags);
  if (tags.length === 0) {
    return (
      <p className="empty" data-testid="watch-list" data-count={0}>
        No tags watched. Pick a tag in the tree and press Enter (or double-click it) to watch its live value here.
      </p>
    );
  }
  return (
    <div>
      {error && (
        <p className="message message-error" role="alert">
          Values cannot be read, showing the last ones greyed: {error}
        </p>
      )}
      <table className={`table watch-table${error ? ' stale' : ''}`} data-testid="watch-list" data-count={tags.length}>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Value</th>
            <th scope="col">Quality</th>
            <th scope="col">Source time</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => {
            const v = values.get(tagKey(t));
            const q = v ? QUALITY[v.quality] : null;
            return (
              <tr key={tagKey(t)} data-testid="watch-row" data-tag={tagKey(t)} data-quality={v?.quality ?? 'unknown'}>
                <td className="mono ellipsis" title={fullTag(t)}>
                  <span className="muted">{t.connection}:</span> {shortAddress(t.address)}
                </td>
                <td className="tabular watch-value">{v ? (v.quality === 'bad' ? '–' : String(v.value)) : 'reading…'}</td>
                <td>
                  {q && (
                    <span className={v?.quality === 'good' ? undefined : 'cell-abnormal'}>
                      <Indicator kind={q.kind} /> {q.text}
                    </span>
                  )}
                </td>
                <td className="tabular">{sourceTime(v?.sourceTime ?? null)}</td>
                <td>
                  <button type="button" className="button button-small" aria-label={`Stop watching ${t.address}`} onClick={() => onRemove(t)}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
