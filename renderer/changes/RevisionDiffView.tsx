import type { ChangeView, ProductDefinition } from '../../core';
import { useLiveQuery } from '../shell/useLiveQuery';

type Operation = ProductDefinition['routing'][number];
type OpChange = ChangeView['diff']['operations'][number];
type Field = OpChange['fields'][number];

/** One operation's lines, each with the field it shows, so that a changed one can be marked. */
const lines = (op: Operation): { field: Field; text: string }[] => [
  { field: 'sequence', text: `${op.seq} ${op.name}` },
  { field: 'workCenter', text: `on ${op.workCenter}` },
  { field: 'standardTime', text: `${op.standardCycleSeconds} s standard` },
  { field: 'components', text: op.components.length ? `components: ${op.components.map((c) => `${c.material} ×${c.quantity}`).join(', ')}` : 'no components' },
  { field: 'measurements', text: op.measurements.length ? `checks: ${op.measurements.map((m) => `${m.name} ${m.low}…${m.high} ${m.unit}`).join(', ')}` : 'no checks' },
  { field: 'instruction', text: op.instruction || '(no instruction)' },
  { field: 'onFail', text: `a failed check: ${op.onFail === 'rework' ? `rework from ${op.reworkTo ?? op.seq}` : 'reject'}` },
];

function OpCell({ op, marked, testid }: { op: Operation | null; marked: readonly Field[]; testid: string }) {
  if (!op) return <td className="muted">—</td>;
  return (
    <td data-testid={testid}>
      {lines(op).map((l) => {
        const changed = marked.includes(l.field) || (l.field === 'sequence' && marked.includes('name'));
        return (
          <div key={l.field} className={changed ? 'diff-changed' : undefined} data-changed={changed || undefined}>
            {changed && <span className="diff-mark">changed </span>}
            {l.text}
          </div>
        );
      })}
    </td>
  );
}

/** A change's new revision beside the one it replaces: BOM and routing, every changed item marked (in words, not colour alone). */
export function RevisionDiffView({ change }: { change: ChangeView }) {
  const products = useLiveQuery('listProducts', {}, ['master']);
  const base = products.data?.find((p) => p.product === change.product && p.revision === change.fromRevision) ?? null;
  const next = change.definition;
  const diff = change.diff;
  const rows: { key: string; kind: string; before: Operation | null; after: Operation | null; fields: readonly Field[] }[] = [];
  for (const op of next.routing) {
    const d = diff.operations.find((o) => (o.after as Operation | null)?.seq === op.seq);
    const before = d ? (d.before as Operation | null) : (base?.routing.find((b) => b.name === op.name) ?? null);
    rows.push({ key: `a${op.seq}`, kind: d?.kind ?? 'same', before, after: op, fields: d?.fields ?? [] });
  }
  for (const d of diff.operations.filter((o) => o.kind === 'removed')) {
    const before = d.before as Operation;
    const at = rows.findIndex((r) => (r.after?.seq ?? 0) > before.seq);
    rows.splice(at < 0 ? rows.length : at, 0, { key: `r${before.seq}`, kind: 'removed', before, after: null, fields: [] });
  }
  const materials = [...new Set([...(base?.bom ?? []).map((b) => b.material), ...next.bom.map((b) => b.material)])];
  return (
    <section className="panel" aria-labelledby="diff-title" data-testid="change-diff">
      <h2 id="diff-title">
        {change.number}: {change.product} rev {change.fromRevision} → rev {change.toRevision}
      </h2>
      <p>
        {change.reason} · {diff.bom.length} BOM line(s) and {diff.operations.length} operation(s) changed
      </p>
      <h3>Bill of materials</h3>
      <table className="table diff-table" data-testid="diff-bom">
        <thead>
          <tr>
            <th scope="col">Material</th>
            <th scope="col">Rev {change.fromRevision}</th>
            <th scope="col">Rev {change.toRevision}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {materials.map((m) => {
            const d = diff.bom.find((l) => l.material === m);
            const b = base?.bom.find((x) => x.material === m);
            const a = next.bom.find((x) => x.material === m);
            return (
              <tr key={m} data-testid="diff-bom-row" data-material={m} data-kind={d?.kind ?? 'same'} className={d ? 'diff-changed' : undefined}>
                <td>{m}</td>
                <td>{b ? `rev ${b.revision} × ${b.quantity}` : '—'}</td>
                <td>{a ? `rev ${a.revision} × ${a.quantity}` : '—'}</td>
                <td>{d ? `${d.kind}${d.fields.length ? ` (${d.fields.join(', ')})` : ''}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Routing</h3>
      <table className="table diff-table" data-testid="diff-routing">
        <thead>
          <tr>
            <th scope="col">Rev {change.fromRevision}</th>
            <th scope="col">Rev {change.toRevision}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid="diff-op-row" data-kind={r.kind} data-operation={(r.after ?? r.before)?.name}>
              <OpCell op={r.before} marked={r.fields} testid="diff-op-before" />
              <OpCell op={r.after} marked={r.kind === 'added' ? (['sequence'] as Field[]) : r.fields} testid="diff-op-after" />
              <td>{r.kind === 'same' ? '' : `${r.kind}${r.fields.length ? `: ${r.fields.join(', ')}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
