import { useState } from 'react';
import type { GenealogyGraph, GenealogyQuery, RecallList } from '../../core';
import { downloadBase64 } from '../audit/download';
import { useClient } from '../shell/context';
import { AsBuiltRecord } from '../terminal/AsBuiltRecord';
import { GenealogyGraphView } from './GenealogyGraphView';
import './genealogy.css';

const KINDS: { id: GenealogyQuery['kind']; label: string }[] = [
  { id: 'lot', label: 'Lot' },
  { id: 'serial', label: 'Serial' },
  { id: 'order', label: 'Order' },
  { id: 'material', label: 'Material' },
];

/**
 * Genealogy for quality and recalls: search by serial, lot, order or material; trace forward and backward through
 * sub-assemblies, drawn as a graph and listed as a table; each unit opens its as-built record with its signatures.
 * Recall: every unit and order a suspect lot (or a time window at a work center) reached, as CSV in one click.
 */
export function GenealogyScreen() {
  const client = useClient();
  const [kind, setKind] = useState<GenealogyQuery['kind']>('lot');
  const [id, setId] = useState('');
  const [direction, setDirection] = useState<GenealogyQuery['direction']>('both');
  const [graph, setGraph] = useState<{ query: GenealogyQuery; value: GenealogyGraph } | null>(null);
  const [recall, setRecall] = useState<RecallList | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [window, setWindow] = useState({ workCenter: '', from: '', to: '' });

  const trace = async () => {
    setMessage(null);
    setRecall(null);
    const query: GenealogyQuery = { kind, id: id.trim(), direction, maxNodes: 300 };
    const r = await client.call('genealogyGraph', query);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setGraph({ query, value: r.value });
    if (r.value.nodes.length <= 1) setMessage({ kind: 'info', text: `Nothing was built with or from ${kind} ${query.id} on this station.` });
  };
  const recallQuery = (source: 'lot' | 'window') =>
    source === 'lot'
      ? { lot: id.trim() }
      : { workCenter: window.workCenter.trim(), from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() };
  const showRecall = async (source: 'lot' | 'window') => {
    setMessage(null);
    if (source === 'window' && (!window.workCenter.trim() || !window.from || !window.to)) {
      return setMessage({ kind: 'error', text: 'Say the work center and the time window (from, to).' });
    }
    const r = await client.call('recall', recallQuery(source));
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setRecall(r.value);
  };
  const exportRecall = async (source: 'lot' | 'window') => {
    if (source === 'window' && (!window.workCenter.trim() || !window.from || !window.to)) {
      return setMessage({ kind: 'error', text: 'Say the work center and the time window (from, to).' });
    }
    const r = await client.call('exportRecall', recallQuery(source));
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    downloadBase64(r.value.fileName, r.value.contentType, r.value.base64);
    setMessage({ kind: 'info', text: `${r.value.fileName}: ${r.value.units} units in ${r.value.orders} orders.` });
  };

  const units = graph?.value.nodes.filter((n) => n.kind === 'unit') ?? [];
  const lots = graph?.value.nodes.filter((n) => n.kind === 'lot') ?? [];
  const focus = graph ? (graph.query.kind === 'serial' ? `unit:${graph.query.id}` : graph.query.kind === 'order' ? `order:${graph.query.id}` : `lot:${graph.query.id}`) : '';
  return (
    <div className="genealogy-screen" data-testid="genealogy-screen">
      <form
        className="panel genealogy-search"
        aria-label="Search the genealogy"
        onSubmit={(e) => {
          e.preventDefault();
          void trace();
        }}
      >
        <label className="field">
          <span>Search by</span>
          <select data-testid="genealogy-kind" value={kind} onChange={(e) => setKind(e.target.value as GenealogyQuery['kind'])}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{KINDS.find((k) => k.id === kind)?.label}</span>
          <input data-testid="genealogy-id" value={id} onChange={(e) => setId(e.target.value)} placeholder="BD-77, PO-1-0001, PO-1, BODY-25" />
        </label>
        <label className="field">
          <span>Direction</span>
          <select data-testid="genealogy-direction" value={direction} onChange={(e) => setDirection(e.target.value as GenealogyQuery['direction'])}>
            <option value="both">both</option>
            <option value="forward">forward (where it went)</option>
            <option value="backward">backward (what it is made of)</option>
          </select>
        </label>
        <button type="submit" className="button button-primary" data-testid="genealogy-trace" disabled={!id.trim()}>
          Trace
        </button>
        <button type="button" className="button" data-testid="recall-show" disabled={kind !== 'lot' || !id.trim()} onClick={() => void showRecall('lot')}>
          Recall list
        </button>
        <button type="button" className="button" data-testid="recall-export" disabled={kind !== 'lot' || !id.trim()} onClick={() => void exportRecall('lot')}>
          Export recall CSV
        </button>
      </form>
      <form className="panel genealogy-search" aria-label="Recall by a time window at a work center" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Work center</span>
          <input data-testid="recall-wc" value={window.workCenter} onChange={(e) => setWindow((w) => ({ ...w, workCenter: e.target.value }))} placeholder="WC20" />
        </label>
        <label className="field">
          <span>From</span>
          <input data-testid="recall-from" type="datetime-local" value={window.from} onChange={(e) => setWindow((w) => ({ ...w, from: e.target.value }))} />
        </label>
        <label className="field">
          <span>To</span>
          <input data-testid="recall-to" type="datetime-local" value={window.to} onChange={(e) => setWindow((w) => ({ ...w, to: e.target.value }))} />
        </label>
        <button type="button" className="button" data-testid="recall-window-show" onClick={() => void showRecall('window')}>
          Recall list
        </button>
        <button type="button" className="button" data-testid="recall-window-export" onClick={() => void exportRecall('window')}>
          Export recall CSV
        </button>
      </form>
      {message && (
        <p className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="genealogy-message">
          {message.text}
        </p>
      )}
      {!graph && !recall && <p className="empty">Type a lot, serial, order or material and press Trace; or find every unit a suspect lot reached with Recall list.</p>}
      {recall && (
        <section className="panel" aria-labelledby="recall-title" data-testid="recall-list" data-units={recall.units.length} data-orders={recall.orders.length}>
          <h2 id="recall-title">
            Recall: {recall.units.length} units in {recall.orders.length} orders
          </h2>
          <p>{recall.orders.map((o) => `${o.number} (${o.units})`).join(', ')}</p>
          <div className="table-scroll genealogy-table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Serial</th>
                  <th scope="col">Order</th>
                  <th scope="col">Product</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reached through</th>
                </tr>
              </thead>
              <tbody>
                {recall.units.slice(0, 500).map((u) => (
                  <tr key={u.serial} data-testid="recall-unit">
                    <td>
                      <button type="button" className="link-button mono" onClick={() => setOpen(u.serial)}>
                        {u.serial}
                      </button>
                    </td>
                    <td>{u.order}</td>
                    <td>
                      {u.product} rev {u.revision}
                    </td>
                    <td>{u.status}</td>
                    <td>
                      {u.via}
                      {u.depth > 0 && <span className="muted"> (sub-assembly, level {u.depth})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {recall.units.length > 500 && <p className="muted">The first 500 are shown; the CSV holds all {recall.units.length}.</p>}
        </section>
      )}
      {graph && graph.value.nodes.length > 0 && (
        <div className="genealogy-body">
          <GenealogyGraphView graph={graph.value} focus={focus} onOpen={setOpen} />
          <div className="table-scroll genealogy-table">
            {graph.value.truncated && <p className="message message-info">More was reached than the graph shows: trace from a unit or lot further along.</p>}
            <table className="table" data-testid="genealogy-table">
              <caption>
                {units.length} units, {lots.length} lots
              </caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Id</th>
                  <th scope="col">What</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {graph.value.nodes.map((n) => (
                  <tr key={n.id} data-testid="genealogy-node" data-kind={n.kind} data-id={n.label}>
                    <td>{n.kind}</td>
                    <td>
                      {n.kind === 'unit' ? (
                        <button type="button" className="link-button mono" data-testid="genealogy-open" onClick={() => setOpen(n.label)}>
                          {n.label}
                        </button>
                      ) : (
                        <span className="mono">{n.label}</span>
                      )}
                    </td>
                    <td>{n.material ?? ''}</td>
                    <td>{n.status ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {open && <AsBuiltRecord serial={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
