import { useState, type FormEvent } from 'react';
import type { AppError, PlantBuildRow, PlantRecallList } from '../../core';
import { formatDateTime } from '../shell/format';
import type { PlantClient } from './plant-client';

/**
 * Plant-wide genealogy: a suspect lot recalled across every line it reached (through sub-assemblies one line built
 * for another), exported as CSV; a unit traced back to every lot and sub-assembly it was built from, on any line.
 */
export function PlantRecall({ client }: { client: PlantClient }) {
  const [lot, setLot] = useState('');
  const [serial, setSerial] = useState('');
  const [list, setList] = useState<{ lot: string; value: PlantRecallList } | null>(null);
  const [build, setBuild] = useState<{ serial: string; rows: PlantBuildRow[] } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const recall = async (event: FormEvent) => {
    event.preventDefault();
    const r = await client.call('plantRecall', { lot: lot.trim(), format: 'json' });
    if (!r.ok) return setError(r.error);
    setError(null);
    if ('units' in r.value) setList({ lot: lot.trim(), value: r.value });
  };
  const exportCsv = async () => {
    if (!list) return;
    const r = await client.call('plantRecall', { lot: list.lot, format: 'csv' });
    if (!r.ok) return setError(r.error);
    if (!('csv' in r.value)) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([r.value.csv], { type: 'text/csv' }));
    a.download = r.value.fileName;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const trace = async (event: FormEvent) => {
    event.preventDefault();
    const r = await client.call('plantBuildOf', { serial: serial.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setBuild({ serial: serial.trim(), rows: r.value });
  };
  const lines = list ? [...new Set(list.value.units.map((u) => u.station))] : [];

  return (
    <div className="plant-recall">
      {error && <p className="message message-error" role="alert">{error.message}</p>}
      <section className="panel" aria-labelledby="recall-title">
        <div className="panel-head">
          <h2 id="recall-title">Recall a lot, plant-wide</h2>
        </div>
        <form className="plant-form" onSubmit={(e) => void recall(e)}>
          <label className="field">
            <span>Suspect lot</span>
            <input data-testid="plant-recall-lot" value={lot} onChange={(e) => setLot(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" data-testid="plant-recall-run" disabled={lot.trim() === ''}>
            Recall
          </button>
          {list && (
            <button type="button" className="button" data-testid="plant-recall-export" onClick={() => void exportCsv()}>
              Export CSV
            </button>
          )}
        </form>
        {list && (
          <>
            <p className="totals" data-testid="plant-recall-summary">
              Lot <strong>{list.lot}</strong> reached <strong>{list.value.units.length}</strong> units in <strong>{list.value.orders.length}</strong> orders on{' '}
              <strong>{lines.length}</strong> lines
            </p>
            {lines.map((line) => (
              <div key={line} className="plant-recall-line" data-testid={`plant-recall-line-${line}`}>
                <h3>{line}</h3>
                <table className="table">
                  <thead>
                    <tr>
                      <th>Serial</th>
                      <th>Order</th>
                      <th>Product</th>
                      <th>Status</th>
                      <th>Completed</th>
                      <th>Reached through</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.value.units.filter((u) => u.station === line).map((u) => (
                      <tr key={u.serial} data-testid={`plant-recall-unit-${u.serial}`}>
                        <td className="mono">{u.serial}</td>
                        <td>{u.order}</td>
                        <td>
                          {u.product} rev {u.revision}
                        </td>
                        <td>{u.status}</td>
                        <td>{u.endedAt ? formatDateTime(u.endedAt) : '—'}</td>
                        <td>{u.depth === 0 ? u.via : `sub-assembly ${u.via}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="build-title">
        <div className="panel-head">
          <h2 id="build-title">What a unit was built from</h2>
        </div>
        <form className="plant-form" onSubmit={(e) => void trace(e)}>
          <label className="field">
            <span>Serial</span>
            <input data-testid="plant-build-serial" value={serial} onChange={(e) => setSerial(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" data-testid="plant-build-run" disabled={serial.trim() === ''}>
            Trace back
          </button>
        </form>
        {build && (
          <table className="table" data-testid="plant-build">
            <thead>
              <tr>
                <th>Level</th>
                <th>Line</th>
                <th>Unit</th>
                <th>Operation</th>
                <th>Material</th>
                <th>Lot</th>
              </tr>
            </thead>
            <tbody>
              {build.rows.map((r) => (
                <tr key={`${r.station}-${r.serial}-${r.operation}-${r.lot}`}>
                  <td>{r.depth}</td>
                  <td>{r.station}</td>
                  <td className="mono">{r.serial}</td>
                  <td>{r.operation}</td>
                  <td>
                    {r.material} rev {r.revision}
                  </td>
                  <td className="mono">{r.lotBuiltBy ? `${r.lot} (built on ${r.lotBuiltBy})` : r.lot}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
