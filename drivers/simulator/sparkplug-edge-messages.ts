import { LINE_TAGS, PACKML_COMMANDS, WORK_CENTER_TAGS, type PackMLCommand } from '../../core';
import { decodePayload, type ScalarValue, type SparkplugMetric } from '../sparkplug';
import type { LineChange } from './line-model';
import { FORCE_REJECT_METRIC, type EdgeLayout, type EdgeMetric, type MetricSet, type SimulatedDevice } from './sparkplug-edge-metrics';

/** The line's changes as DATA metrics by alias, in the order the PLC made them: the node's, and each device's. */
export function lineChangeMetrics(layout: EdgeLayout, changes: readonly LineChange[]): { node: SparkplugMetric[]; devices: Map<SimulatedDevice, SparkplugMetric[]> } {
  const node: SparkplugMetric[] = [];
  const devices = new Map<SimulatedDevice, SparkplugMetric[]>();
  const put = (set: MetricSet, list: SparkplugMetric[], name: string, value: ScalarValue, atMs: number): void => {
    const metric = set.byName.get(name);
    if (!metric) return;
    metric.value = value;
    list.push({ alias: metric.alias, datatype: metric.datatype, value, timestamp: Math.round(atMs) });
  };
  for (const change of changes) {
    if (change.workCenterId === null) {
      put(layout.node, node, LINE_TAGS.nextSerial, change.value, change.atMs);
      continue;
    }
    const device = layout.deviceOfWorkCenter.get(change.workCenterId);
    if (!device) continue;
    let list = devices.get(device);
    if (!list) devices.set(device, (list = []));
    put(device.metrics, list, WORK_CENTER_TAGS[change.tag], change.value, change.atMs);
    // A forced reject has happened: the request is done.
    if (change.tag === 'rejectCount' && device.metrics.byName.get(FORCE_REJECT_METRIC)?.value === true) put(device.metrics, list, FORCE_REJECT_METRIC, false, change.atMs);
  }
  return { node, devices };
}

/** Every extra metric with a new value, in NDATA batches of `batch` metrics. */
export function extraMetricBatches(extras: readonly EdgeMetric[], tick: number, batch: number): SparkplugMetric[][] {
  const batches: SparkplugMetric[][] = [];
  for (let start = 0; start < extras.length; start += batch) {
    const metrics: SparkplugMetric[] = [];
    for (let i = start; i < Math.min(extras.length, start + batch); i++) {
      const metric = extras[i]!;
      metric.value = tick + i / 1000;
      metrics.push({ alias: metric.alias, datatype: metric.datatype, value: metric.value });
    }
    batches.push(metrics);
  }
  return batches;
}

export interface CommandedWrite {
  readonly metric: EdgeMetric;
  readonly value: ScalarValue;
  readonly device: SimulatedDevice | undefined;
}

/** The writes an NCMD/DCMD asks for that this edge honours: writable metrics, by name or alias, of their own type. */
export function commandedWrites(layout: EdgeLayout, topic: string, bytes: Uint8Array, log: (message: string) => void): CommandedWrite[] {
  const decoded = decodePayload(bytes);
  if (!decoded.ok) {
    log(`ignored a command on ${topic}: ${decoded.error.message}`);
    return [];
  }
  const deviceId = topic.split('/')[4];
  const device = deviceId === undefined ? undefined : layout.devices.get(deviceId);
  const set = device ? device.metrics : deviceId === undefined ? layout.node : undefined;
  if (!set) {
    log(`ignored a command for unknown device ${deviceId}`);
    return [];
  }
  const writes: CommandedWrite[] = [];
  for (const m of decoded.value.metrics) {
    const metric = m.name !== undefined ? set.byName.get(m.name) : m.alias !== undefined ? set.byAlias.get(m.alias) : undefined;
    if (!metric?.writable || (m.datatype !== undefined && m.datatype !== metric.datatype) || typeof m.value !== typeof metric.value) {
      log(`ignored a write to ${m.name ?? m.alias ?? '?'}: not a writable metric of that type`);
      continue;
    }
    writes.push({ metric, value: m.value as ScalarValue, device });
  }
  return writes;
}

export const isPackMLCommand = (value: ScalarValue): value is PackMLCommand => (PACKML_COMMANDS as readonly unknown[]).includes(value);
