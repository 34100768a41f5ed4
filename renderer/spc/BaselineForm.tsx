import { useState } from 'react';
import type { CharacteristicView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';

const localInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Engineers and quality choose the baseline period, the chart and its rules; the limits drawn from it are then fixed. */
export function BaselineForm({ c }: { c: CharacteristicView }) {
  const client = useClient();
  const [from, setFrom] = useState(() => localInput(Date.now() - 8 * 3_600_000));
  const [to, setTo] = useState(() => localInput(Date.now() + 60_000));
  const [chart, setChart] = useState<'imr' | 'xbar-r'>(c.settings?.limits.chart ?? 'imr');
  const [size, setSize] = useState(String(c.settings?.limits.n && c.settings.limits.n > 1 ? c.settings.limits.n : 5));
  const [rules, setRules] = useState<'western-electric' | 'nelson'>(c.settings?.rules ?? 'western-electric');
  const [message, setMessage] = useState<ActionResult>(null);
  const save = async () => {
    const r = await client.call('setSpcBaseline', {
      workCenter: c.workCenter, measurement: c.measurement, from: new Date(from).toISOString(), to: new Date(to).toISOString(), chart, subgroupSize: Number(size), rules,
    });
    setMessage(r.ok ? { kind: 'info', text: `Limits fixed from ${r.value.settings?.points} points: center ${r.value.settings?.limits.center.toPrecision(5)}, UCL ${r.value.settings?.limits.ucl.toPrecision(5)}, LCL ${r.value.settings?.limits.lcl.toPrecision(5)}.` } : { kind: 'error', text: r.error.message });
  };
  return (
    <form
      className="spc-baseline"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="spc-baseline"
    >
      <h3>Baseline</h3>
      <div className="form-row">
        <label className="field">
          <span>From</span>
          <input type="datetime-local" data-testid="baseline-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="datetime-local" data-testid="baseline-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="field">
          <span>Chart</span>
          <select data-testid="baseline-chart" value={chart} onChange={(e) => setChart(e.target.value as 'imr' | 'xbar-r')}>
            <option value="imr">Individuals and moving range</option>
            <option value="xbar-r">X̄ and R</option>
          </select>
        </label>
        {chart === 'xbar-r' && (
          <label className="field">
            <span>Subgroup size</span>
            <select value={size} onChange={(e) => setSize(e.target.value)}>
              {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Rules</span>
          <select data-testid="baseline-rules" value={rules} onChange={(e) => setRules(e.target.value as 'western-electric' | 'nelson')}>
            <option value="western-electric">Western Electric</option>
            <option value="nelson">Nelson</option>
          </select>
        </label>
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="baseline-save">
          Fix limits from this baseline
        </button>
      </div>
      <ActionMessage message={message} testid="baseline-message" />
    </form>
  );
}
