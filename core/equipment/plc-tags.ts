/**
 * The tag layout the station expects of a line PLC (the simulator serves exactly this; issue 3's tag mapping
 * generalises it). Node ids are strings in the line PLC's namespace: "<lineId>.<plcFolder>.<Tag>".
 */
export const LINE_PLC_NAMESPACE = 'urn:control-room-mes:line-plc';

export const WORK_CENTER_TAGS = {
  /** String: PackML state name. */
  state: 'State',
  /** Boolean: a part is in the machine. */
  partPresent: 'PartPresent',
  /** String: serial of the part in the machine, '' when empty. */
  serial: 'Serial',
  /** UInt32: incremented after LastSerial, LastResult and LastMeasurement have been written for the finished cycle. */
  cycleCount: 'CycleCount',
  goodCount: 'GoodCount',
  rejectCount: 'RejectCount',
  lastSerial: 'LastSerial',
  /** String: 'good' or 'reject'. */
  lastResult: 'LastResult',
  /** Double. */
  lastMeasurement: 'LastMeasurement',
  /** String: what LastMeasurement measures, e.g. "Torque". */
  measurementName: 'MeasurementName',
  /** String, written by the MES: a PackML command (Stop, Reset, Hold, …). The PLC keeps the last one it accepted. */
  command: 'Command',
} as const;

export const LINE_TAGS = {
  /** String, written by the MES: the serial of the next part to load; the PLC clears it to '' when it takes it. */
  nextSerial: 'NextSerial',
} as const;

export const plcNodeId = (lineId: string, ...path: string[]): string => `nsu=${LINE_PLC_NAMESPACE};s=${[lineId, ...path].join('.')}`;
