import { useState, type FormEvent } from 'react';
import type { AppError, GenealogyGraph, GenealogyQuery, PlantBuildRow, PlantRecallList } from '../../core';
import { GenealogyGraphView } from '../genealogy/GenealogyGraphView';
import '../genealogy/genealogy.css';
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
  const [search, setSearch] = useState<{ kind: GenealogyQuery['kind']; id: string; direction: GenealogyQuery['direction'] }>({ kind: 'lot', id: '', direction: 'both' });
  const [graph, setGraph] = useState<{ focus: string; value: GenealogyGraph } | null>(null);
  const draw = async (event: FormEvent) => {
    event.preventDefault();
    const r = await client.call('plantGenealogyGraph', { ...search, id: search.id.trim(), maxNodes: 300 });
    if (!r.ok) return setError(r.error);
    setError(null);
    setGraph({ focus: `${search.kind === 'serial' ? 'unit' : search.kind}:${search.id.trim()}`, value: r.value });
  };

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
      <section className="panel" aria-labelledby="graph-title">
        <div className="panel-head">
          <h2 id="graph-title">Genealogy across the lines</h2>
        </div>
        <form className="plant-form" onSubmit={(e) => void draw(e)}>
          <label className="field">
            <span>Search by</span>
            <select data-testid="plant-graph-kind" value={search.kind} onChange={(e) => setSearch({ ...search, kind: e.target.value as GenealogyQuery['kind'] })}>
              <option value="lot">Lot</option>
              <option value="serial">Serial</option>
              <option value="order">Order</option>
              <option value="material">Material</option>
            </select>
          </label>
          <label className="field">
            <span>Which</span>
            <input data-testid="plant-graph-id" value={search.id} onChange={(e) => setSearch({ ...search, id: e.target.value })} />
          </label>
          <label className="field">
            <span>Direction</span>
            <select value={search.direction} onChange={(e) => setSearch({ ...search, direction: e.target.value as GenealogyQuery['direction'] })}>
              <option value="both">Both ways</option>
              <option value="forward">Forward (where it went)</option>
              <option value="backward">Backward (what it was built from)</option>
            </select>
          </label>
          <button type="submit" className="button button-primary" data-testid="plant-graph-run" disabled={search.id.trim() === ''}>
            Draw
          </button>
        </form>
        {graph && (
          <div data-testid="plant-graph" data-nodes={graph.value.nodes.length}>
            {graph.value.truncated && <p className="hint">More was reached than the graph shows: narrow the search.</p>}
            <GenealogyGraphView
              graph={graph.value}
              focus={graph.focus}
              onOpen={(s) => {
                setSerial(s);
                void client.call('plantBuildOf', { serial: s }).then((r) => (r.ok ? setBuild({ serial: s, rows: r.value }) : setError(r.error)));
              }}
            />
          </div>
        )}
      </section>
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
