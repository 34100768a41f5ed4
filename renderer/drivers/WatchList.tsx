import { useEffect, useState } from 'react';
import { tagKey, type TagRef, type TagValueView } from '../../core';
import { Indicator, type IndicatorKind } from '../shell/Indicator';
import { useClient } from '../shell/context';
import { fullTag, shortAddress } from '../shell/tags';

const EVERY_MS = 500;

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

/** Reads the watched tags every 500 ms while mounted (one read in flight at a time); stops when unmounted. */
function useWatch(tags: readonly TagRef[]) {
  const client = useClient();
  const [values, setValues] = useState<ReadonlyMap<string, TagValueView>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(tags);
  useEffect(() => {
    const wanted = JSON.parse(key) as TagRef[];
    if (wanted.length === 0) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async () => {
      const result = await client.call('readTags', { tags: wanted });
      if (!alive) return;
      if (result.ok) {
        setValues(new Map(result.value.map((v) => [tagKey(v), v])));
        setError(null);
      } else setError(result.error.message);
      timer = setTimeout(() => void tick(), EVERY_MS);
    };
    void tick();
    return () => {
      alive = false;
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, key]);
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
