import { LINE_TAGS, WORK_CENTER_TAGS } from '../../core';
import { DataType, type ScalarValue, type SparkplugMetric } from '../sparkplug';
import { WORK_CENTER_TAG_TYPES, type LineModel, type WorkCenterTag } from './line-model';

/** The simulated edge node's metrics: what its births announce and what its data messages update. */
export interface EdgeMetric {
  readonly name: string;
  readonly alias: number;
  readonly datatype: number;
  value: ScalarValue;
  /** Takes NCMD/DCMD writes. */
  readonly writable: boolean;
}

export class MetricSet {
  readonly list: EdgeMetric[] = [];
  readonly byName = new Map<string, EdgeMetric>();
  readonly byAlias = new Map<number, EdgeMetric>();

  add(metric: EdgeMetric): EdgeMetric {
    this.list.push(metric);
    this.byName.set(metric.name, metric);
    if (metric.alias >= 0) this.byAlias.set(metric.alias, metric);
    return metric;
  }

  /** Birth metrics: name, alias, datatype and current value. */
  birth(timestamp: number): SparkplugMetric[] {
    return this.list.map((m) => ({ name: m.name, ...(m.alias >= 0 ? { alias: m.alias } : {}), datatype: m.datatype, value: m.value, timestamp }));
  }
}

export const REBIRTH_METRIC = 'Node Control/Rebirth';
export const FORCE_REJECT_METRIC = 'ForceReject';

const WORK_CENTER_TYPES = Object.fromEntries(
  Object.entries(WORK_CENTER_TAG_TYPES).map(([tag, type]) => [tag, DataType[type]]),
) as Record<WorkCenterTag, number>;

/** Device metrics the MES may write (DCMD), besides ForceReject. */
const WRITABLE: ReadonlySet<WorkCenterTag> = new Set<WorkCenterTag>(['command']);

export interface SimulatedDevice {
  readonly id: string;
  readonly workCenterId: string;
  readonly metrics: MetricSet;
  alive: boolean;
}

export interface EdgeLayout {
  readonly node: MetricSet;
  readonly bdSeq: EdgeMetric;
  readonly nextSerial: EdgeMetric | undefined;
  readonly extras: readonly EdgeMetric[];
  /** By device id (the work center's PLC folder). */
  readonly devices: Map<string, SimulatedDevice>;
  readonly deviceOfWorkCenter: Map<string, SimulatedDevice>;
}

export const extraMetricName = (i: number): string => `Bench/M${String(i).padStart(5, '0')}`;

/** Aliases are unique across the node and its devices (Sparkplug 3.0). */
export function buildLayout(model: LineModel | undefined, extraMetrics: number): EdgeLayout {
  let alias = 1;
  const node = new MetricSet();
  const bdSeq = node.add({ name: 'bdSeq', alias: -1, datatype: DataType.Int64, value: 0, writable: false });
  node.add({ name: REBIRTH_METRIC, alias: alias++, datatype: DataType.Boolean, value: false, writable: true });
  const snapshot = model?.snapshot();
  const nextSerial = snapshot ? node.add({ name: LINE_TAGS.nextSerial, alias: alias++, datatype: DataType.String, value: snapshot.nextSerial, writable: true }) : undefined;
  const extras: EdgeMetric[] = [];
  for (let i = 0; i < extraMetrics; i++) extras.push(node.add({ name: extraMetricName(i), alias: alias++, datatype: DataType.Double, value: 0, writable: false }));
  const devices = new Map<string, SimulatedDevice>();
  const deviceOfWorkCenter = new Map<string, SimulatedDevice>();
  for (const wc of snapshot?.workCenters ?? []) {
    const metrics = new MetricSet();
    for (const tag of Object.keys(WORK_CENTER_TAGS) as WorkCenterTag[]) {
      metrics.add({ name: WORK_CENTER_TAGS[tag], alias: alias++, datatype: WORK_CENTER_TYPES[tag], value: wc.values[tag], writable: WRITABLE.has(tag) });
    }
    metrics.add({ name: FORCE_REJECT_METRIC, alias: alias++, datatype: DataType.Boolean, value: false, writable: true });
    const device: SimulatedDevice = { id: wc.plcFolder, workCenterId: wc.id, metrics, alive: true };
    devices.set(device.id, device);
    deviceOfWorkCenter.set(wc.id, device);
  }
  return { node, bdSeq, nextSerial, extras, devices, deviceOfWorkCenter };
}
