import { useEffect, useState } from 'react';
import { can, type ProductionSettingsView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { WEEKDAYS, fromCalendarDraft, toCalendarDraft, type CalendarDraft, type ShiftDraft } from './calendar-draft';

/**
 * The line's shift calendar: shifts by weekday with their breaks, planned downtime, non-working days, in the plant's
 * time zone. Saved whole; the station records the change (who, before, after) and judges each shift by the calendar
 * in force when it ended, so a change does not rewrite shifts already over.
 */
export function CalendarEditor({ settings }: { settings: ProductionSettingsView }) {
  const client = useClient();
  const { user } = useSession();
  const [draft, setDraft] = useState<CalendarDraft>(() => toCalendarDraft(settings.calendar));
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  const allowed = can(user.role, 'production.calendar');
  useEffect(() => {
    if (!touched) setDraft(toCalendarDraft(settings.calendar));
  }, [settings.calendar, touched]);
  const set = (patch: Partial<CalendarDraft>) => {
    setTouched(true);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setShift = (i: number, patch: Partial<ShiftDraft>) => set({ shifts: draft.shifts.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const disabled = !allowed || busy;

  const save = async () => {
    setBusy(true);
    const r = await client.call('setShiftCalendar', fromCalendarDraft(draft));
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setTouched(false);
    setMessage({ kind: 'info', text: `Calendar saved: ${r.value.calendar?.shifts.length ?? 0} shift(s). OEE uses it from the shift now running.` });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
      data-testid="calendar-editor"
    >
      <p className="muted">
        {settings.calendarSet ? `Set ${formatDateTime(settings.calendarSet.at)} by ${settings.calendarSet.by}.` : 'No calendar yet: OEE needs one to know the planned production time.'}
      </p>
      <label className="field">
        <span>Time zone of the plant (IANA name)</span>
        <input data-testid="calendar-tz" value={draft.timeZone} disabled={disabled} onChange={(e) => set({ timeZone: e.target.value })} />
      </label>
      <table className="table oee-calendar">
        <thead>
          <tr>
            <th scope="col">Shift</th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
            <th scope="col">Weekdays</th>
            <th scope="col">Breaks (HH:MM-HH:MM name; …)</th>
            <th scope="col" aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {draft.shifts.map((s, i) => (
            <tr key={i} data-testid="calendar-shift">
              <td>
                <input aria-label="Shift name" data-testid="shift-name" value={s.name} disabled={disabled} onChange={(e) => setShift(i, { name: e.target.value })} size={6} />
              </td>
              <td>
                <input aria-label="Starts" data-testid="shift-start" type="time" value={s.start} disabled={disabled} onChange={(e) => setShift(i, { start: e.target.value })} />
              </td>
              <td>
                <input aria-label="Ends" data-testid="shift-end" type="time" value={s.end} disabled={disabled} onChange={(e) => setShift(i, { end: e.target.value })} />
              </td>
              <td className="oee-weekdays">
                {WEEKDAYS.map((d, k) => (
                  <label key={d}>
                    <input
                      type="checkbox"
                      checked={s.days.includes(k + 1)}
                      disabled={disabled}
                      onChange={(e) => setShift(i, { days: e.target.checked ? [...s.days, k + 1] : s.days.filter((x) => x !== k + 1) })}
                    />
                    {d}
                  </label>
                ))}
              </td>
              <td>
                <input aria-label="Breaks" data-testid="shift-breaks" value={s.breaks} disabled={disabled} onChange={(e) => setShift(i, { breaks: e.target.value })} size={40} />
              </td>
              <td>
                <button type="button" className="button button-small" disabled={disabled} onClick={() => set({ shifts: draft.shifts.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" data-testid="calendar-add-shift" disabled={disabled} onClick={() => set({ shifts: [...draft.shifts, { name: '', start: '14:00', end: '22:00', days: [1, 2, 3, 4, 5], breaks: '' }] })}>
        Add shift
      </button>
      <h3>Planned downtime (changeovers, planned maintenance)</h3>
      {draft.stops.map((p, i) => (
        <div className="form-row" key={i} data-testid="calendar-stop">
          <label className="field">
            <span>From</span>
            <input type="datetime-local" value={p.from} disabled={disabled} onChange={(e) => set({ stops: draft.stops.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)) })} />
          </label>
          <label className="field">
            <span>To</span>
            <input type="datetime-local" value={p.to} disabled={disabled} onChange={(e) => set({ stops: draft.stops.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)) })} />
          </label>
          <label className="field">
            <span>Reason</span>
            <input value={p.reason} disabled={disabled} onChange={(e) => set({ stops: draft.stops.map((x, j) => (j === i ? { ...x, reason: e.target.value } : x)) })} />
          </label>
          <button type="button" className="button button-small" disabled={disabled} onClick={() => set({ stops: draft.stops.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button" disabled={disabled} onClick={() => set({ stops: [...draft.stops, { from: '', to: '', reason: '' }] })}>
        Add planned downtime
      </button>
      <label className="field">
        <span>Non-working days (YYYY-MM-DD, separated by commas)</span>
        <input data-testid="calendar-holidays" value={draft.nonWorkingDays} disabled={disabled} onChange={(e) => set({ nonWorkingDays: e.target.value })} />
      </label>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="calendar-save" disabled={disabled}>
          {busy ? 'Saving…' : 'Save calendar'}
        </button>
      </div>
      {!allowed && <p className="notice">Read-only: supervisors, engineers and administrators set the calendar.</p>}
      <ActionMessage message={message} testid="calendar-message" />
    </form>
  );
}
