import type { BirthMetric, MetricEntry, Scope } from './catalogue';
import { ValueField, dataTypeName, isMetricDataType, type PayloadDecoder } from './codec';

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** Birth metrics need a name and a datatype, each name and alias once; otherwise the whole birth is refused (the reason). */
export function birthMetrics(d: PayloadDecoder): BirthMetric[] | string {
  const names = new Set<string>();
  const aliases = new Set<number>();
  const out: BirthMetric[] = [];
  for (let i = 0; i < d.count; i++) {
    const m = d.metric(i);
    if (!m.name) return `metric ${i} has no name`;
    if (!isMetricDataType(m.datatype)) return `metric "${clip(m.name)}" has datatype ${dataTypeName(m.datatype)}`;
    if (names.has(m.name)) return `metric "${clip(m.name)}" is listed twice`;
    if (m.alias >= 0 && aliases.has(m.alias)) return `alias ${m.alias} is given to two metrics`;
    names.add(m.name);
    if (m.alias >= 0) aliases.add(m.alias);
    out.push({ name: m.name, alias: m.alias, datatype: m.datatype });
  }
  return out;
}

/**
 * A rebirth that lists exactly the metrics, aliases and datatypes of the last birth (the usual case) keeps the
 * maps the host already has: a 10,000-metric rebirth then costs little more than its values. Fills `entries`.
 */
export function repeatsBirth(d: PayloadDecoder, scope: Scope, mark: number, entries: (MetricEntry | undefined)[]): boolean {
  if (d.count !== scope.byName.size) return false;
  for (let i = 0; i < d.count; i++) {
    const m = d.metric(i);
    const entry = m.name === undefined ? undefined : scope.byName.get(m.name);
    if (entry === undefined || entry.birthMark === mark || entry.alias !== m.alias || entry.datatype !== m.datatype) return false;
    entry.birthMark = mark; // listed twice is not a repeat
    entries[i] = entry;
  }
  return true;
}

/** After a new definition: the entry of each birth metric, by index. */
export function findBirthEntries(d: PayloadDecoder, entries: (MetricEntry | undefined)[], scope: Scope): void {
  for (let i = 0; i < d.count; i++) entries[i] = scope.byName.get(d.metric(i).name ?? '');
}

/** The bdSeq metric of an NBIRTH/NDEATH, -1 when absent or not a small whole number. */
export function bdSeqOf(d: PayloadDecoder): number {
  for (let i = 0; i < d.count; i++) {
    const m = d.metric(i);
    if (m.name !== 'bdSeq') continue;
    if (m.field === ValueField.Long && m.hi === 0) return m.lo;
    if (m.field === ValueField.Int) return m.u32;
    return -1;
  }
  return -1;
}
