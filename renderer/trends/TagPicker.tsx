import { useState } from 'react';
import type { ConfigView, TagRef } from '../../core';
import { PENS } from './chart-options';
import { tagId, tagLabel } from './model';

const MAX_TAGS = 6;

/** Pick historized tags from the configuration, or type any connection + address; the chosen ones as removable chips. */
export function TagPicker({
  config,
  selected,
  onChange,
}: {
  config: ConfigView | null;
  selected: readonly TagRef[];
  onChange: (tags: TagRef[]) => void;
}) {
  const chosen = new Set(selected.map(tagId));
  const offered = (config?.historian.tags ?? []).filter((t) => !chosen.has(tagId(t)));
  const [pick, setPick] = useState('');
  const [connection, setConnection] = useState('');
  const [address, setAddress] = useState('');
  const full = selected.length >= MAX_TAGS;
  const pickValue = offered.some((t) => tagId(t) === pick) ? pick : offered[0] ? tagId(offered[0]) : '';
  const connectionValue = connection || config?.connections[0]?.id || '';

  const add = (tag: TagRef) => {
    if (!chosen.has(tagId(tag)) && !full) onChange([...selected, { connection: tag.connection, address: tag.address }]);
  };

  return (
    <div className="trend-tags">
      <div className="form-row trend-pickers">
        <label className="field">
          <span>Historized tag</span>
          <select data-testid="trend-tag-select" value={pickValue} onChange={(e) => setPick(e.target.value)} disabled={offered.length === 0}>
            {offered.length === 0 && <option value="">{config ? 'all historized tags are shown' : 'reading the configuration…'}</option>}
            {offered.map((t) => (
              <option key={tagId(t)} value={tagId(t)} title={t.address}>
                {tagLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button trend-add"
          data-testid="trend-add-tag"
          disabled={full || pickValue === ''}
          title={full ? `At most ${MAX_TAGS} tags in one chart; remove one first.` : 'Add the historized tag to the chart'}
          onClick={() => {
            const tag = offered.find((t) => tagId(t) === pickValue);
            if (tag) add(tag);
          }}
        >
          Add tag
        </button>
        <span className="trend-or muted">or type one:</span>
        <label className="field">
          <span>Connection</span>
          <select data-testid="trend-connection" value={connectionValue} onChange={(e) => setConnection(e.target.value)}>
            {(config?.connections ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </label>
        <label className="field trend-address">
          <span>Address</span>
          <input data-testid="trend-address" value={address} placeholder="ns=2;s=…" onChange={(e) => setAddress(e.target.value)} />
        </label>
        <button
          type="button"
          className="button trend-add"
          data-testid="trend-add-typed"
          disabled={full || address.trim() === '' || connectionValue === ''}
          onClick={() => {
            add({ connection: connectionValue, address: address.trim() });
            setAddress('');
          }}
        >
          Add typed tag
        </button>
      </div>
      <ul className="chips" aria-label="Tags in the chart" data-testid="trend-tags">
        {selected.map((t, i) => (
          <li key={tagId(t)} className="chip" data-tag={tagId(t)} title={`${t.connection}: ${t.address}`}>
            <span className="pen" style={{ background: PENS[i % PENS.length] }} aria-hidden="true" />
            {tagLabel(t)}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${tagLabel(t)} from the chart`}
              onClick={() => onChange(selected.filter((x) => tagId(x) !== tagId(t)))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
