import type { BomItem, MeasurementSpec, Operation, ProductDefinition } from '../material/model';

// What changed between two revisions of a product: the structured difference the impact is worked out from and the
// HMI shows side by side. Pure: two definitions in, the difference out.

export interface BomLineChange {
  readonly material: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before: BomItem | null;
  readonly after: BomItem | null;
  /** For 'changed': which of revision and quantity. */
  readonly fields: readonly ('revision' | 'quantity')[];
}

export interface ItemChange<T> {
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before: T | null;
  readonly after: T | null;
}

export type OperationField = 'sequence' | 'workCenter' | 'standardTime' | 'components' | 'measurements' | 'instruction' | 'onFail' | 'name';

export interface OperationChange {
  /** The operation's name: what stays the same when engineering renumbers or moves it. */
  readonly operation: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before: Operation | null;
  readonly after: Operation | null;
  readonly fields: readonly OperationField[];
  readonly components: readonly ItemChange<Operation['components'][number]>[];
  readonly measurements: readonly ItemChange<MeasurementSpec>[];
}

export interface RevisionDiff {
  readonly product: string;
  readonly from: string;
  readonly to: string;
  readonly bom: readonly BomLineChange[];
  readonly operations: readonly OperationChange[];
  /** A configurable product's options added, removed or changed (what each configuration becomes: diff them configured). */
  readonly options?: readonly { readonly name: string; readonly kind: 'added' | 'removed' | 'changed' }[];
  /** Nothing that builds the product differs (a new description alone, say). */
  readonly same: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function items<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): ItemChange<T>[] {
  const b = new Map(before.map((t) => [key(t), t]));
  const a = new Map(after.map((t) => [key(t), t]));
  const out: ItemChange<T>[] = [];
  for (const [k, t] of b) {
    const next = a.get(k);
    if (next === undefined) out.push({ key: k, kind: 'removed', before: t, after: null });
    else if (!same(t, next)) out.push({ key: k, kind: 'changed', before: t, after: next });
  }
  for (const [k, t] of a) if (!b.has(k)) out.push({ key: k, kind: 'added', before: null, after: t });
  return out;
}

/**
 * Operations are matched by name (engineering renumbers and moves operations; their name is what they are); where a
 * name is not unique on either side, by operation number.
 */
function matchKey(routing: readonly Operation[]): (op: Operation) => string {
  const names = routing.map((o) => o.name);
  return (op) => (names.filter((n) => n === op.name).length === 1 ? `name:${op.name}` : `seq:${op.seq}`);
}

function operationFields(b: Operation, a: Operation, components: readonly unknown[], measurements: readonly unknown[]): OperationField[] {
  const f: OperationField[] = [];
  if (b.seq !== a.seq) f.push('sequence');
  if (b.name !== a.name) f.push('name');
  if (b.workCenter !== a.workCenter) f.push('workCenter');
  if (b.standardCycleSeconds !== a.standardCycleSeconds) f.push('standardTime');
  if (components.length > 0) f.push('components');
  if (measurements.length > 0) f.push('measurements');
  if (b.instruction !== a.instruction) f.push('instruction');
  if (b.onFail !== a.onFail || b.reworkTo !== a.reworkTo) f.push('onFail');
  return f;
}

export function diffRevisions(before: ProductDefinition, after: ProductDefinition): RevisionDiff {
  const bom: BomLineChange[] = items(before.bom, after.bom, (i) => i.material).map((c) => ({
    material: c.key,
    kind: c.kind,
    before: c.before,
    after: c.after,
    fields: c.kind === 'changed' && c.before && c.after ? (['revision', 'quantity'] as const).filter((k) => c.before![k] !== c.after![k]) : [],
  }));
  const keyBefore = matchKey(before.routing);
  const keyAfter = matchKey(after.routing);
  const b = new Map(before.routing.map((o) => [keyBefore(o), o]));
  const a = new Map(after.routing.map((o) => [keyAfter(o), o]));
  const operations: OperationChange[] = [];
  for (const [k, op] of b) {
    const next = a.get(k);
    if (!next) {
      operations.push({ operation: op.name, kind: 'removed', before: op, after: null, fields: [], components: [], measurements: [] });
      continue;
    }
    const components = items(op.components, next.components, (c) => c.material);
    const measurements = items(op.measurements, next.measurements, (m) => m.name);
    const fields = operationFields(op, next, components, measurements);
    if (fields.length > 0) operations.push({ operation: op.name, kind: 'changed', before: op, after: next, fields, components, measurements });
  }
  for (const [k, op] of a) {
    if (!b.has(k)) operations.push({ operation: op.name, kind: 'added', before: null, after: op, fields: [], components: [], measurements: [] });
  }
  // In the order of the new routing (removed ones where they stood).
  const at = (o: OperationChange) => (o.after ?? o.before)?.seq ?? 0;
  operations.sort((x, y) => at(x) - at(y));
  const options = items(before.options ?? [], after.options ?? [], (o) => o.name).map((c) => ({ name: c.key, kind: c.kind }));
  return {
    product: after.product,
    from: before.revision,
    to: after.revision,
    bom,
    operations,
    ...(options.length > 0 ? { options } : {}),
    same: bom.length === 0 && operations.length === 0 && options.length === 0 && before.tracking === after.tracking,
  };
}
