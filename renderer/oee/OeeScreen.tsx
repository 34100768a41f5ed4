import { useState } from 'react';
import { Tabs, type TabSpec } from '../shell/Tabs';
import { useLiveQuery } from '../shell/useLiveQuery';
import { CalendarEditor } from './CalendarEditor';
import { OeeHistory } from './OeeHistory';
import { OeeLosses } from './OeeLosses';
import { OeeNow } from './OeeNow';
import { ProductionReportForm } from './ProductionReportForm';
import { ReasonTreeEditor } from './ReasonTreeEditor';
import { StopReasons } from './StopReasons';
import { TimeClassesEditor } from './TimeClassesEditor';
import './oee.css';

type View = 'oee-now' | 'oee-history' | 'oee-losses' | 'oee-stops' | 'oee-report' | 'oee-calendar' | 'oee-classes' | 'oee-reasons';
const VIEWS: readonly TabSpec<View>[] = [
  { id: 'oee-now', label: 'This shift', shortcut: '' },
  { id: 'oee-history', label: 'History', shortcut: '' },
  { id: 'oee-losses', label: 'Losses', shortcut: '' },
  { id: 'oee-stops', label: 'Stops', shortcut: '' },
  { id: 'oee-report', label: 'Report a shift', shortcut: '' },
  { id: 'oee-calendar', label: 'Calendar', shortcut: '' },
  { id: 'oee-classes', label: 'Time classes', shortcut: '' },
  { id: 'oee-reasons', label: 'Reasons', shortcut: '' },
];

/**
 * OEE (ISO 22400-2): the shift running now and past shifts and days per work center and for the line; shifts reported
 * by hand where a work center has no PLC; the line's calendar and how its PackML states count.
 */
export function OeeScreen() {
  const [view, setView] = useState<View>('oee-now');
  const settings = useLiveQuery('productionSettings', {}, ['oee', 'line']);
  const current = useLiveQuery('currentOee', {}, ['oee'], 5000);
  const first = current.data?.rows[0];
  const currentShift = first ? { start: first.period.start, end: first.period.end } : null;
  // The line's work centers change only with its setup: read once (and again after a reconnect).
  const line = useLiveQuery('getLine', {}, []);
  const workCenters = [...(line.data?.workCenters ?? [])].sort((a, b) => a.position - b.position).map((w) => w.id);
  return (
    <section className="panel oee-screen" aria-labelledby="oee-title" data-testid="oee-screen">
      <div className="panel-head">
        <h2 id="oee-title">OEE</h2>
        <Tabs tabs={VIEWS} active={view} onSelect={setView} label="OEE views" />
      </div>
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
        {view === 'oee-now' && <OeeNow />}
        {view === 'oee-history' && <OeeHistory />}
        {view === 'oee-losses' && <OeeLosses workCenters={workCenters} currentShift={currentShift} />}
        {view === 'oee-stops' && <StopReasons hours={7 * 24} />}
        {(view === 'oee-report' || view === 'oee-calendar' || view === 'oee-classes') && !settings.data && <p className="muted">{settings.error ? settings.error.message : 'Reading the calendar…'}</p>}
        {view === 'oee-report' && settings.data && <ProductionReportForm settings={settings.data} />}
        {view === 'oee-calendar' && settings.data && <CalendarEditor settings={settings.data} />}
        {view === 'oee-classes' && settings.data && <TimeClassesEditor settings={settings.data} />}
        {view === 'oee-reasons' && <ReasonTreeEditor />}
      </div>
    </section>
  );
}
