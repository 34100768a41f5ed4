import { useState } from 'react';
import type { Result } from '../../core';
import { downloadBase64 } from '../audit/download';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';

export type ShiftReportFetch = (format: 'pdf' | 'csv') => Promise<Result<{ fileName: string; contentType: string; base64: string }>>;

/** The report a shift lead hands over, for a shift of this station's line: PDF to print, CSV for a spreadsheet. */
export function ShiftReportButtons({ shift }: { shift: string }) {
  const client = useClient();
  return <ShiftReportLinks shift={shift} fetch={(format) => client.call('shiftReport', { shift, format })} />;
}

/** The two downloads of a shift's report, however it is fetched (the station, or the plant for one of its lines). */
export function ShiftReportLinks({ shift, fetch, testid = 'shift-report' }: { shift: string; fetch: ShiftReportFetch; testid?: string }) {
  const [message, setMessage] = useState<ActionResult>(null);
  const get = async (format: 'pdf' | 'csv') => {
    const r = await fetch(format);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    downloadBase64(r.value.fileName, r.value.contentType, r.value.base64);
    setMessage({ kind: 'info', text: `Saved ${r.value.fileName}.` });
  };
  return (
    <div className="toolbar">
      <span>Shift report {shift}:</span>
      <button type="button" className="button button-small" data-testid={`${testid}-pdf`} onClick={() => void get('pdf')}>
        PDF
      </button>
      <button type="button" className="button button-small" data-testid={`${testid}-csv`} onClick={() => void get('csv')}>
        CSV
      </button>
      <ActionMessage message={message} testid={`${testid}-message`} />
    </div>
  );
}
