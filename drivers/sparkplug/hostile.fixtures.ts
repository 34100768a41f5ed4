// Hostile messages for the host's integration test: each one is refused exactly once, and none may become a value.
import protobuf from 'protobufjs';
import path from 'node:path';
import { DataType, encodePayload, type SparkplugMetric } from './index';

export const GROUP = 'Plant1';
export const VICTIM = 'Victim';
export const EVIL = 'EVIL';
export const EVIL_NUMBER = 666_666;

/** A fake edge node the test births by hand, with one metric of most datatypes, and what the host must show for each. */
export const VICTIM_METRICS: readonly (SparkplugMetric & { expected: string | number | boolean | null })[] = [
  { name: 'I8', alias: 1, datatype: DataType.Int8, value: -5, expected: -5 },
  { name: 'I16', alias: 2, datatype: DataType.Int16, value: -300, expected: -300 },
  { name: 'I32', alias: 3, datatype: DataType.Int32, value: -70_000, expected: -70_000 },
  { name: 'I64', alias: 4, datatype: DataType.Int64, value: -5_000_000_000n, expected: -5_000_000_000 },
  { name: 'U8', alias: 5, datatype: DataType.UInt8, value: 200, expected: 200 },
  { name: 'U16', alias: 6, datatype: DataType.UInt16, value: 60_000, expected: 60_000 },
  { name: 'U32', alias: 7, datatype: DataType.UInt32, value: 4_000_000_000, expected: 4_000_000_000 },
  { name: 'U64', alias: 8, datatype: DataType.UInt64, value: 2n ** 60n, expected: '1152921504606846976' },
  { name: 'F', alias: 9, datatype: DataType.Float, value: 1.5, expected: 1.5 },
  { name: 'D', alias: 10, datatype: DataType.Double, value: 2.25, expected: 2.25 },
  { name: 'B', alias: 11, datatype: DataType.Boolean, value: true, expected: true },
  { name: 'S', alias: 12, datatype: DataType.String, value: 'ok', expected: 'ok' },
  { name: 'T', alias: 13, datatype: DataType.DateTime, value: 1_700_000_000_000, expected: '2023-11-14T22:13:20.000Z' },
  { name: 'A', alias: 14, datatype: DataType.Int32Array, value: [1, -2, 3], expected: '[1,-2,3]' },
  {
    name: 'DS',
    alias: 15,
    datatype: DataType.DataSet,
    value: { columns: ['a', 'b'], types: [DataType.Int8, DataType.String], rows: [[-1, 'x']] },
    expected: '{"columns":["a","b"],"types":["Int8","String"],"rows":[[-1,"x"]]}',
  },
  {
    name: 'Motor/Template',
    alias: 16,
    datatype: DataType.Template,
    value: { templateRef: 'Motor', isDefinition: false, metrics: [{ name: 'Speed', datatype: DataType.Int32, value: 5 }], parameters: [] },
    expected: '{"templateRef":"Motor","version":null,"isDefinition":false,"metrics":[{"name":"Speed","dataType":"Int32","value":5}],"parameters":[]}',
  },
];

export const victimBirth = (seq = 0): Buffer =>
  encodePayload({ timestamp: Date.now(), seq, metrics: [{ name: 'bdSeq', datatype: DataType.Int64, value: 0 }, ...VICTIM_METRICS.map(({ expected: _, ...m }) => m)] });

const topic = (type: string, node = VICTIM, device?: string): string => `spBv1.0/${GROUP}/${type}/${node}${device ? `/${device}` : ''}`;
const data = (metrics: SparkplugMetric[], seq: number, datatypes = false): Buffer => encodePayload({ timestamp: Date.now(), seq, metrics }, { datatypes });

let protoType: protobuf.Type | undefined;
async function payloadType(): Promise<protobuf.Type> {
  protoType ??= (await protobuf.load(path.join(import.meta.dirname, '../../tests/fixtures/standards/sparkplug/sparkplug_b.proto'))).lookupType('org.eclipse.tahu.protobuf.Payload');
  return protoType;
}

/** Cut inside the last metric, where protobufjs (the reference) also fails. */
async function truncated(seq: number): Promise<Buffer> {
  const whole = encodePayload({ timestamp: Date.now(), metrics: [{ alias: 12, datatype: DataType.String, value: EVIL.repeat(10) }], seq });
  const type = await payloadType();
  for (let cut = whole.length - 3; cut > 2; cut--) {
    const part = whole.subarray(0, cut);
    try {
      type.decode(part);
    } catch {
      return part;
    }
  }
  throw new Error('no invalid cut found');
}

/** Int8 column holding a string: our encoder refuses to write that, so protobufjs does. */
async function badDataSet(seq: number): Promise<Buffer> {
  const type = await payloadType();
  const datasetValue = { numOfColumns: 2, columns: ['a', 'b'], types: [DataType.Int8, DataType.String], rows: [{ elements: [{ stringValue: EVIL }, { stringValue: EVIL }] }] };
  return Buffer.from(type.encode(type.fromObject({ timestamp: Date.now(), seq, metrics: [{ alias: 15, datasetValue }] })).finish());
}

function nested(depth: number): SparkplugMetric {
  let metric: SparkplugMetric = { name: 'Speed', datatype: DataType.Int32, value: EVIL_NUMBER };
  for (let i = 0; i < depth; i++) metric = { name: `L${i}`, datatype: DataType.Template, value: { templateRef: 'Motor', metrics: [metric] } };
  return metric;
}

export interface Hostile {
  readonly kind: string;
  readonly topic: string;
  readonly bytes: Buffer;
}

/** The i-th hostile message: cycles through the kinds; the heavy ones come rarely. */
export async function hostile(i: number): Promise<Hostile> {
  const seq = i & 0xff;
  const kinds: (() => Promise<Hostile> | Hostile)[] = [
    async () => ({ kind: 'truncated', topic: topic('NDATA'), bytes: await truncated(seq) }),
    () => ({ kind: 'wrong wire type', topic: topic('NDATA'), bytes: Buffer.concat([data([], seq), Buffer.from([0x12, 0x06, 0x12, 0x04, ...Buffer.from(EVIL)])]) }),
    () => ({ kind: 'datatype not the birth one', topic: topic('NDATA'), bytes: data([{ alias: 3, datatype: DataType.Double, value: EVIL_NUMBER }], seq, true) }),
    () => ({ kind: 'value in the wrong field', topic: topic('NDATA'), bytes: data([{ alias: 3, datatype: DataType.String, value: EVIL }], seq) }),
    () => ({ kind: 'NaN', topic: topic('NDATA'), bytes: data([{ alias: 10, datatype: DataType.Double, value: Number.NaN }], seq) }),
    () => ({ kind: 'Infinity', topic: topic('NDATA'), bytes: data([{ alias: 9, datatype: DataType.Float, value: Number.POSITIVE_INFINITY }], seq) }),
    () => ({ kind: 'Int8 out of range', topic: topic('NDATA'), bytes: data([{ alias: 1, datatype: DataType.UInt32, value: 1000 }], seq) }),
    () => ({ kind: 'UInt16 out of range', topic: topic('NDATA'), bytes: data([{ alias: 6, datatype: DataType.UInt32, value: 70_000 }], seq) }),
    () => ({ kind: 'array not whole elements', topic: topic('NDATA'), bytes: data([{ alias: 14, datatype: DataType.Bytes, value: new Uint8Array(7) }], seq) }),
    async () => ({ kind: 'DataSet cell of the wrong type', topic: topic('NDATA'), bytes: await badDataSet(seq) }),
    () => ({ kind: 'unknown alias', topic: topic('NDATA'), bytes: data([{ alias: 9999, datatype: DataType.String, value: EVIL }], seq) }),
    () => ({ kind: 'no seq', topic: topic('NDATA'), bytes: encodePayload({ timestamp: Date.now(), metrics: [{ alias: 12, datatype: DataType.String, value: EVIL }] }) }),
    () => ({ kind: 'node never born', topic: topic('NDATA', `Ghost${i % 7}`), bytes: data([{ alias: 12, datatype: DataType.String, value: EVIL }], seq) }),
    () => ({ kind: 'device never born', topic: topic('DDATA', VICTIM, 'Nobody'), bytes: data([{ alias: 12, datatype: DataType.String, value: EVIL }], seq) }),
    () => ({ kind: 'NDEATH of another session', topic: topic('NDEATH'), bytes: encodePayload({ metrics: [{ name: 'bdSeq', datatype: DataType.Int64, value: 77 }] }) }),
    () => ({ kind: 'birth with a duplicate alias', topic: topic('NBIRTH'), bytes: encodePayload({ seq: 0, metrics: [{ name: 'S', alias: 1, datatype: DataType.String, value: EVIL }, { name: 'X', alias: 1, datatype: DataType.String, value: EVIL }] }) }),
    () => ({ kind: 'birth metric without datatype', topic: topic('DBIRTH', VICTIM, 'Evil'), bytes: encodePayload({ seq, metrics: [{ name: 'S', alias: 500, value: null }] }) }),
    () => ({ kind: 'garbage', topic: topic('NDATA'), bytes: Buffer.concat([Buffer.from([0x0f]), Buffer.from(Array.from({ length: i % 97 }, (_, k) => (k * 37 + i) & 0xff))]) }),
    () => ({ kind: 'garbage topic', topic: [`spBv1.0/${GROUP}/NDATA`, `spBv1.0/${GROUP}/BOGUS/${VICTIM}`, `spBv1.0//NDATA/${EVIL}`, `spBv1.0/${GROUP}/DDATA/${VICTIM}`, `spBv1.0/${GROUP}/NDATA/${VICTIM}/x/y/${'z'.repeat(500)}`][i % 5]!, bytes: data([{ alias: 12, datatype: DataType.String, value: EVIL }], seq) }),
  ];
  const heavy: (() => Hostile)[] = [
    () => ({ kind: 'huge string', topic: topic('NDATA'), bytes: data([{ alias: 12, datatype: DataType.String, value: EVIL.repeat(17_000) }], seq) }),
    () => ({ kind: 'huge array', topic: topic('NDATA'), bytes: data([{ alias: 14, datatype: DataType.Int32Array, value: new Array<number>(70_000).fill(EVIL_NUMBER) }], seq) }),
    () => ({ kind: 'payload over 1 MiB', topic: topic('NDATA'), bytes: data([{ alias: 12, datatype: DataType.Bytes, value: new Uint8Array(1_100_000) }], seq) }),
    () => ({ kind: 'templates nested 20 deep', topic: topic('NDATA'), bytes: data([{ ...nested(20), alias: 16 }], seq, true) }),
    () => ({ kind: 'too many metrics', topic: topic('NDATA'), bytes: data(Array.from({ length: 100_001 }, () => ({ alias: 9999, value: null })), seq) }),
  ];
  if (i % 40 === 39) return heavy[Math.floor(i / 40) % heavy.length]!();
  return kinds[i % kinds.length]!();
}
