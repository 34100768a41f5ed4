import { decodeMetric } from './decode-raw';
import { skipExtension } from './skip';
import { RawMetric, ValueField, type RawCell, type RawDataSet, type RawParameter, type RawTemplate } from './types';
import { CodecError, expectWire, readLength, readString, readVarint64, skipUnknown, u64, u64Unsigned, WireType, type DecodeLimits, type Reader } from './wire';

// DataSets and Templates: rare, so plain objects; their cells are typed later, once the column types are known.

/** DataSet, DataSetValue and Template.Parameter share the value fields int…string (+ extension), numbered differently. */
function readCell(r: Reader, wire: number, field: number, limits: DecodeLimits, what: string): RawCell {
  switch (field) {
    case ValueField.Int:
      expectWire(wire, WireType.Varint, what);
      return { field, value: r.uint32() };
    case ValueField.Long:
      expectWire(wire, WireType.Varint, what);
      readVarint64(r);
      return { field, value: u64Unsigned(u64.lo, u64.hi) };
    case ValueField.Float:
      expectWire(wire, WireType.Fixed32, what);
      return { field, value: r.float() };
    case ValueField.Double:
      expectWire(wire, WireType.Fixed64, what);
      return { field, value: r.double() };
    case ValueField.Boolean:
      expectWire(wire, WireType.Varint, what);
      return { field, value: r.bool() };
    case ValueField.String:
      expectWire(wire, WireType.Bytes, what);
      return { field, value: readString(r, limits, what) };
    default: {
      expectWire(wire, WireType.Bytes, what);
      const len = readLength(r, limits.maxPayloadBytes, what);
      skipExtension(r, r.pos + len, limits, 0);
      return { field: ValueField.Extension, value: null };
    }
  }
}

const NO_VALUE: RawCell = { field: ValueField.None, value: null };

export function decodeDataSet(r: Reader, end: number, limits: DecodeLimits): RawDataSet {
  const outer = r.len;
  r.len = end;
  const ds: RawDataSet = { numOfColumns: -1, columns: [], types: [], rows: [] };
  let cells = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      expectWire(wire, WireType.Varint, 'DataSet.num_of_columns');
      readVarint64(r);
      ds.numOfColumns = u64.hi === 0 && u64.lo <= limits.maxElements ? u64.lo : Number.MAX_SAFE_INTEGER;
    } else if (field === 2) {
      expectWire(wire, WireType.Bytes, 'DataSet.columns');
      if (ds.columns.length >= limits.maxElements) throw new CodecError('DataSet has too many columns');
      ds.columns.push(readString(r, limits, 'DataSet column name'));
    } else if (field === 3) {
      if (wire === WireType.Bytes) {
        const len = readLength(r, limits.maxPayloadBytes, 'DataSet.types');
        const packedEnd = r.pos + len;
        while (r.pos < packedEnd) {
          if (ds.types.length >= limits.maxElements) throw new CodecError('DataSet has too many column types');
          ds.types.push(r.uint32());
        }
        if (r.pos !== packedEnd) throw new CodecError('DataSet.types runs past its length');
      } else {
        expectWire(wire, WireType.Varint, 'DataSet.types');
        if (ds.types.length >= limits.maxElements) throw new CodecError('DataSet has too many column types');
        ds.types.push(r.uint32());
      }
    } else if (field === 4) {
      expectWire(wire, WireType.Bytes, 'DataSet.rows');
      const rowLen = readLength(r, limits.maxPayloadBytes, 'DataSet row');
      const rowEnd = r.pos + rowLen;
      const row = decodeRow(r, rowEnd, limits);
      cells += Math.max(1, row.length);
      if (cells > limits.maxElements) throw new CodecError(`DataSet has more than ${limits.maxElements} cells`);
      ds.rows.push(row);
    } else {
      skipUnknown(r, wire, field);
    }
  }
  if (r.pos !== end) throw new CodecError('DataSet runs past its length');
  r.len = outer;
  return ds;
}

function decodeRow(r: Reader, end: number, limits: DecodeLimits): RawCell[] {
  const outer = r.len;
  r.len = end;
  const row: RawCell[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field !== 1) {
      skipUnknown(r, wire, field);
      continue;
    }
    expectWire(wire, WireType.Bytes, 'DataSet.Row.elements');
    const cellLen = readLength(r, limits.maxPayloadBytes, 'DataSet cell');
    const cellEnd = r.pos + cellLen;
    const inner = r.len;
    r.len = cellEnd;
    let cell = NO_VALUE;
    while (r.pos < cellEnd) {
      const t = r.tag();
      const f = t >>> 3;
      // DataSetValue numbers its oneof 1…7; map onto the Metric numbering 10…15 (+ extension 19).
      if (f >= 1 && f <= 7) cell = readCell(r, t & 7, f === 7 ? ValueField.Extension : f + 9, limits, 'DataSet cell value');
      else skipUnknown(r, t & 7, f);
    }
    if (r.pos !== cellEnd) throw new CodecError('DataSet cell runs past its length');
    r.len = inner;
    row.push(cell);
  }
  if (r.pos !== end) throw new CodecError('DataSet row runs past its length');
  r.len = outer;
  return row;
}

export function decodeTemplate(r: Reader, end: number, limits: DecodeLimits, depth: number): RawTemplate {
  if (depth > limits.maxDepth) throw new CodecError(`Templates nested deeper than ${limits.maxDepth}`);
  const outer = r.len;
  r.len = end;
  const t: RawTemplate = { version: undefined, templateRef: undefined, isDefinition: false, metrics: [], parameters: [] };
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      expectWire(wire, WireType.Bytes, 'Template.version');
      t.version = readString(r, limits, 'Template.version');
    } else if (field === 2) {
      expectWire(wire, WireType.Bytes, 'Template.metrics');
      if (t.metrics.length >= limits.maxElements) throw new CodecError('Template has too many metrics');
      const metricLen = readLength(r, limits.maxPayloadBytes, 'Template metric');
      const metricEnd = r.pos + metricLen;
      const m = new RawMetric();
      decodeMetric(r, metricEnd, m, limits, depth);
      t.metrics.push(m);
    } else if (field === 3) {
      expectWire(wire, WireType.Bytes, 'Template.parameters');
      if (t.parameters.length >= limits.maxElements) throw new CodecError('Template has too many parameters');
      const paramLen = readLength(r, limits.maxPayloadBytes, 'Template parameter');
      t.parameters.push(decodeParameter(r, r.pos + paramLen, limits));
    } else if (field === 4) {
      expectWire(wire, WireType.Bytes, 'Template.template_ref');
      t.templateRef = readString(r, limits, 'Template.template_ref');
    } else if (field === 5) {
      expectWire(wire, WireType.Varint, 'Template.is_definition');
      t.isDefinition = r.bool();
    } else {
      skipUnknown(r, wire, field);
    }
  }
  if (r.pos !== end) throw new CodecError('Template runs past its length');
  r.len = outer;
  return t;
}

function decodeParameter(r: Reader, end: number, limits: DecodeLimits): RawParameter {
  const outer = r.len;
  r.len = end;
  let name: string | undefined;
  let type = 0;
  let cell = NO_VALUE;
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      expectWire(wire, WireType.Bytes, 'Template.Parameter.name');
      name = readString(r, limits, 'Template.Parameter.name');
    } else if (field === 2) {
      expectWire(wire, WireType.Varint, 'Template.Parameter.type');
      type = r.uint32();
    } else if (field >= 3 && field <= 9) {
      // Parameter numbers its oneof 3…9; map onto the Metric numbering 10…15 (+ extension 19).
      cell = readCell(r, wire, field === 9 ? ValueField.Extension : field + 7, limits, 'Template.Parameter value');
    } else {
      skipUnknown(r, wire, field);
    }
  }
  if (r.pos !== end) throw new CodecError('Template.Parameter runs past its length');
  r.len = outer;
  return { name, type, cell };
}
