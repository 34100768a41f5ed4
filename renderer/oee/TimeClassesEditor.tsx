import { useEffect, useState } from 'react';
import { DEFAULT_TIME_CLASSES, PACKML_STATES, TIME_CLASSES, can, type PackMLState, type ProductionSettingsView, type TimeClass } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';

const LABEL: Record<TimeClass, string> = { run: 'Run (production time)', down: 'Down (unit down time)', delay: 'Delay (waiting, not faulted)', planned: 'Planned (not counted against availability)' };

/** Which PackML states are run, down, delay or planned time at this line (engineers), and the micro-stop threshold. */
export function TimeClassesEditor({ settings }: { settings: ProductionSettingsView }) {
  const client = useClient();
  const { user } = useSession();
  const [classes, setClasses] = useState<Record<PackMLState, TimeClass>>({ ...settings.timeClasses });
  const [micro, setMicro] = useState(String(settings.microStopSeconds));
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  const allowed = can(user.role, 'line.configure');
  useEffect(() => {
    if (touched) return;
    setClasses({ ...settings.timeClasses });
    setMicro(String(settings.microStopSeconds));
  }, [settings, touched]);
  const save = async () => {
    const r = await client.call('setTimeClasses', { classes, microStopSeconds: Number(micro) });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setTouched(false);
    const changed = Object.keys(r.value.overrides);
    setMessage({ kind: 'info', text: changed.length ? `Saved: ${changed.join(', ')} differ from the default.` : 'Saved: every state counts as by default.' });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="time-classes"
    >
      <table className="table">
        <thead>
          <tr>
            <th scope="col">PackML state</th>
            <th scope="col">Counts as</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {PACKML_STATES.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td>
                <select
                  aria-label={`${s} counts as`}
                  data-testid={`class-${s}`}
                  value={classes[s]}
                  disabled={!allowed}
                  onChange={(e) => {
                    setTouched(true);
                    setClasses({ ...classes, [s]: e.target.value as TimeClass });
                  }}
                >
                  {TIME_CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {LABEL[c]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{classes[s] === DEFAULT_TIME_CLASSES[s] ? '' : `default: ${DEFAULT_TIME_CLASSES[s]}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        <span>A stop shorter than this many seconds is a micro-stop (grouped, no reason asked)</span>
        <input data-testid="micro-stop" inputMode="numeric" value={micro} disabled={!allowed} onChange={(e) => (setTouched(true), setMicro(e.target.value))} />
      </label>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="time-classes-save" disabled={!allowed}>
          Save time classes
        </button>
      </div>
      {!allowed && <p className="notice">Read-only: engineers and administrators set how states count.</p>}
      <ActionMessage message={message} testid="time-classes-message" />
    </form>
  );
}
