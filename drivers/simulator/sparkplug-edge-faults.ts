import { DataType, deviceTopic, encodePayload, nodeTopic, NAMESPACE } from '../sparkplug';
import type { EdgeLayout } from './sparkplug-edge-metrics';

/** Hostile or broken messages an edge node (or something posing as one) might send, for fault-injection tests. */
export const CORRUPT_KINDS = [
  'truncated',
  'wrongWireType',
  'hugeString',
  'hugePayload',
  'hugeArray',
  'wrongDatatype',
  'nan',
  'unknownAlias',
  'garbage',
  'noBirth',
  'badTopic',
] as const;
export type CorruptKind = (typeof CORRUPT_KINDS)[number];

/** What corrupt messages carry where a value could be read: a host that shows it has accepted a wrong value. */
export const CORRUPT_TEXT = 'EVIL';
export const CORRUPT_NUMBER = 666_666;

interface Where {
  readonly group: string;
  readonly node: string;
  readonly layout: EdgeLayout;
  readonly seq: number;
  readonly now: number;
  readonly random: () => number;
}

/** Topic and bytes of one corrupt message; `seq` is the one the message claims (the edge counts it as sent). */
export function corruptMessage(kind: CorruptKind, w: Where): { topic: string; bytes: Uint8Array } {
  const ndata = nodeTopic('NDATA', w.group, w.node);
  const textAlias = w.layout.nextSerial?.alias ?? w.layout.node.byName.get('Node Control/Rebirth')!.alias;
  const numberMetric = w.layout.extras[0] ?? [...w.layout.devices.values()][0]?.metrics.byName.get('LastMeasurement');
  const valid = (metrics: Parameters<typeof encodePayload>[0]['metrics']): Buffer => encodePayload({ timestamp: w.now, seq: w.seq, metrics }, { datatypes: false });
  switch (kind) {
    case 'truncated': {
      const bytes = valid([{ alias: textAlias, datatype: DataType.String, value: CORRUPT_TEXT.repeat(8) }]);
      return { topic: ndata, bytes: bytes.subarray(0, bytes.length - 5) };
    }
    case 'wrongWireType': {
      // Metric { alias as a length-delimited field } — alias is a varint.
      const metric = Buffer.from([0x12, 0x04, ...Buffer.from(CORRUPT_TEXT)]);
      return { topic: ndata, bytes: Buffer.concat([valid([]), Buffer.from([0x12, metric.length]), metric]) };
    }
    case 'hugeString':
      return { topic: ndata, bytes: valid([{ alias: textAlias, datatype: DataType.String, value: CORRUPT_TEXT.repeat(20_000) }]) };
    case 'hugePayload':
      return { topic: ndata, bytes: valid([{ alias: textAlias, datatype: DataType.Bytes, value: new Uint8Array(1_100_000) }]) };
    case 'hugeArray':
      return { topic: ndata, bytes: valid([{ alias: textAlias, datatype: DataType.DoubleArray, value: new Array<number>(100_000).fill(CORRUPT_NUMBER) }]) };
    case 'wrongDatatype':
      return { topic: ndata, bytes: encodePayload({ timestamp: w.now, seq: w.seq, metrics: [{ alias: textAlias, datatype: DataType.Double, value: CORRUPT_NUMBER }] }) };
    case 'nan': {
      if (!numberMetric) return { topic: ndata, bytes: valid([{ alias: 999_999, datatype: DataType.Double, value: Number.NaN }]) };
      const device = [...w.layout.devices.values()].find((d) => d.metrics.byAlias.get(numberMetric.alias) === numberMetric);
      const topic = device ? deviceTopic('DDATA', w.group, w.node, device.id) : ndata;
      return { topic, bytes: valid([{ alias: numberMetric.alias, datatype: DataType.Double, value: Number.NaN }]) };
    }
    case 'unknownAlias':
      return { topic: ndata, bytes: valid([{ alias: 999_999, datatype: DataType.Double, value: CORRUPT_NUMBER }]) };
    case 'garbage': {
      // Random bytes after a first byte no protobuf can start with (field 1, wire type 7): never a valid payload by chance.
      const noise = Uint8Array.from({ length: Math.floor(w.random() * 200) }, () => Math.floor(w.random() * 256));
      return { topic: ndata, bytes: Buffer.concat([Buffer.from([0x0f]), noise]) };
    }
    case 'noBirth':
      return { topic: nodeTopic('NDATA', w.group, `${w.node}-ghost`), bytes: valid([{ alias: textAlias, datatype: DataType.String, value: CORRUPT_TEXT }]) };
    case 'badTopic':
      return { topic: `${NAMESPACE}/${w.group}/XDATA/${w.node}/${CORRUPT_TEXT}/x`, bytes: valid([{ alias: textAlias, datatype: DataType.String, value: CORRUPT_TEXT }]) };
  }
}
