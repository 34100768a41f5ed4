import { useEffect, useRef, useState } from 'react';
import { can, type AppError, type AsBuiltView, type AuditEntry, type ChainReportView, type OrderView, type Role, type WipItem } from '../../core';
import { formatDateTime } from '../shell/format';
import type { PlantClient } from './plant-client';

/** One line's record as its station keeps it, read from the plant: its orders, and its audit trail for quality and auditors. */
export function PlantLineRecord({ client, role }: { client: PlantClient; role: Role }) {
  const [stations, setStations] = useState<string[]>([]);
  const [station, setStation] = useState<string>('');
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [trail, setTrail] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [chain, setChain] = useState<ChainReportView | null>(null);
  const [wip, setWip] = useState<WipItem[] | null>(null);
  const [unit, setUnit] = useState<AsBuiltView | null>(null);
  const [serial, setSerial] = useState('');
  const open = async (s: string) => {
    const asked = station;
    const r = await client.call('plantLineAsBuilt', { station: asked, serial: s.trim() });
    if (asked !== shown.current) return;
    if (r.ok) {
      setUnit(r.value);
      setError(null);
    } else setError(r.error);
  };
  const audit = can(role, 'audit.view');
  // A reply for a line no longer shown is dropped.
  const shown = useRef(station);
  shown.current = station;
  const verify = async () => {
    setChain(null);
    const asked = station;
    const r = await client.call('plantLineVerify', { station: asked });
    if (asked !== shown.current) return;
    if (r.ok) setChain(r.value);
    else setError(r.error);
  };

  useEffect(() => {
    void client.call('plantOverview', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      const ids = r.value.stations.map((s) => s.id);
      setStations(ids);
      setStation((s) => s || ids[0] || '');
    });
  }, [client]);
  useEffect(() => {
    setChain(null);
    setUnit(null);
    if (!station) return;
    void client.call('plantLineWip', { station }).then((r) => (r.ok ? setWip(r.value) : setError(r.error)));
    void client.call('plantLineOrders', { station, status: 'all' }).then((r) => (r.ok ? setOrders(r.value) : setError(r.error)));
    if (audit) void client.call('plantLineAudit', { station, limit: 50 }).then((r) => (r.ok ? setTrail(r.value.entries) : setError(r.error)));
  }, [client, station, audit]);

  return (
    <div className="plant-record">
      {error && <p className="message message-error" role="alert">{error.message}</p>}
      <label className="field plant-station-pick">
        <span>Line (station)</span>
        <select data-testid="plant-record-station" value={station} onChange={(e) => setStation(e.target.value)}>
          {stations.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {audit && station && (
        <section className="panel" aria-labelledby="plant-chain-title">
          <h2 id="plant-chain-title">The record of {station}, checked at the plant</h2>
          <button type="button" className="button" data-testid="plant-record-verify" onClick={() => void verify()}>
            Walk its hash chain
          </button>
          {chain && (
            <p className={`message ${chain.intact ? 'message-info' : 'message-error'}`} role="status" data-testid="plant-record-chain" data-intact={chain.intact}>
              {chain.intact
                ? `Intact: ${chain.events.toLocaleString('en')} events, every hash recomputed from its content (${chain.ms} ms).`
                : `Broken at event ${chain.firstBreak?.seq ?? '?'}: ${chain.firstBreak?.why ?? ''}`}
            </p>
          )}
        </section>
      )}
      <section className="panel" aria-labelledby="plant-unit-title">
        <h2 id="plant-unit-title">Units on {station}</h2>
        <form
          className="plant-form"
          onSubmit={(e) => {
            e.preventDefault();
            void open(serial);
          }}
        >
          <label className="field">
            <span>Serial</span>
            <input data-testid="plant-record-serial" value={serial} onChange={(e) => setSerial(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={serial.trim() === ''}>
            As-built record
          </button>
        </form>
        {wip && wip.length > 0 && (
          <table className="table" data-testid="plant-record-wip">
            <thead>
              <tr>
                <th>In work</th>
                <th>Order</th>
                <th>Operation</th>
                <th>Work center</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {wip.map((u) => (
                <tr key={u.serial}>
                  <td>
                    <button type="button" className="button button-small mono" onClick={() => void open(u.serial)}>
                      {u.serial}
                    </button>
                  </td>
                  <td>{u.order}</td>
                  <td>
                    {u.operation} {u.operationName}
                  </td>
                  <td>{u.workCenter}</td>
                  <td>{formatDateTime(u.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {wip && wip.length === 0 && <p className="muted">No unit in work on this line.</p>}
        {unit && (
          <div data-testid="plant-record-as-built">
            <h3>
              {unit.serial} · {unit.product} rev {unit.revision} · order {unit.order} · {unit.status}
            </h3>
            <table className="table">
              <thead>
                <tr>
                  <th>Operation</th>
                  <th>Work center</th>
                  <th>Ended</th>
                  <th>Result</th>
                  <th>Checks</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {unit.operations.map((o) => (
                  <tr key={`${o.operation}-${o.attempt}`}>
                    <td>
                      {o.operation} {o.name}
                      {o.attempt > 1 ? ` (attempt ${o.attempt})` : ''}
                    </td>
                    <td>{o.workCenter}</td>
                    <td>{o.endedAt ? formatDateTime(o.endedAt) : '—'}</td>
                    <td>{o.result ?? '—'}</td>
                    <td>
                      {o.measurements.length === 0
                        ? '—'
                        : o.measurements.map((m) => `${m.name} ${m.value ?? '—'} ${m.unit} (${m.low}…${m.high}) ${m.result}`).join(' · ')}
                    </td>
                    <td>{o.byName ?? o.by ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="hint">Lots: {unit.lots.length === 0 ? 'none yet' : unit.lots.map((l) => `${l.material} rev ${l.revision} lot ${l.lot}`).join(' · ')}</p>
          </div>
        )}
      </section>
      {orders && (
        <section className="panel" aria-labelledby="plant-orders-title">
          <h2 id="plant-orders-title">Orders on {station}</h2>
          <table className="table" data-testid="plant-record-orders">
            <thead>
              <tr>
                <th>Order</th>
                <th>Product</th>
                <th>Quantity</th>
                <th>Status</th>
                <th>Due</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.number}>
                  <td>{o.number}</td>
                  <td>
                    {o.product} rev {o.revision}
                  </td>
                  <td>{o.quantity}</td>
                  <td>{o.status}</td>
                  <td>{o.dueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {trail && (
        <section className="panel" aria-labelledby="plant-trail-title">
          <h2 id="plant-trail-title">Audit trail of {station} (newest 50)</h2>
          <table className="table" data-testid="plant-record-audit">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {trail.map((e) => (
                <tr key={e.seq}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actorName ?? e.actor}</td>
                  <td>{e.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
