import { useState } from 'react';
import { downloadBase64 } from '../audit/download';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';

/** The report a shift lead hands over, for a shift: PDF to print, CSV for a spreadsheet. */
export function ShiftReportButtons({ shift }: { shift: string }) {
  const client = useClient();
  const [message, setMessage] = useState<ActionResult>(null);
  const get = async (format: 'pdf' | 'csv') => {
    const r = await client.call('shiftReport', { shift, format });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    downloadBase64(r.value.fileName, r.value.contentType, r.value.base64);
    setMessage({ kind: 'info', text: `Saved ${r.value.fileName}.` });
  };
  return (
    <div className="toolbar">
      <span>Shift report {shift}:</span>
      <button type="button" className="button button-small" data-testid="shift-report-pdf" onClick={() => void get('pdf')}>
        PDF
      </button>
      <button type="button" className="button button-small" data-testid="shift-report-csv" onClick={() => void get('csv')}>
        CSV
      </button>
      <ActionMessage message={message} testid="shift-report-message" />
    </div>
  );
}
