import { LINE_TAGS, WORK_CENTER_TAGS, plcNodeId, type EquipmentModel, type StationConfigInput, type WorkCenterSignal } from '../../core';

export const DEMO_CONNECTION = 'line-plc';

/** The simulated line wired up as an engineer would: one OPC UA connection, every signal mapped, a few alarms, a historian. */
export function demoConfig(equipment: EquipmentModel, endpoint: string): StationConfigInput {
  const line = equipment.line.id;
  const tag = (folder: string, name: string) => ({ connection: DEMO_CONNECTION, address: plcNodeId(line, folder, name) });
  const signals = (folder: string) =>
    Object.fromEntries(
      (Object.entries(WORK_CENTER_TAGS) as [Exclude<WorkCenterSignal, 'command'>, string][]).map(([signal, name]) => [signal, tag(folder, name)]),
    );
  const wcs = equipment.line.workCenters;
  return {
    // Exception-based sampling and a 50 ms publishing interval: a change reaches the mimic well within a quarter second.
    connections: [{ id: DEMO_CONNECTION, name: `${equipment.line.name} PLC (simulated)`, kind: 'opcua', endpoint, securityMode: 'None', samplingIntervalMs: 0, publishingIntervalMs: 50 }],
    mapping: {
      nextSerial: { connection: DEMO_CONNECTION, address: plcNodeId(line, LINE_TAGS.nextSerial) },
      workCenters: wcs.map((wc) => ({ workCenter: wc.id, signals: signals(wc.plcFolder) })),
    },
    alarms: [
      ...wcs.map((wc) => ({
        id: `${wc.id}.held`,
        kind: 'discrete' as const,
        tag: tag(wc.plcFolder, WORK_CENTER_TAGS.state),
        activeWhen: 'Held',
        priority: 'high' as const,
        message: `${wc.id} ${wc.name} stopped (Held)`,
        workCenter: wc.id,
      })),
      {
        id: 'WC30.leak-high',
        kind: 'high' as const,
        tag: tag('WC30', WORK_CENTER_TAGS.lastMeasurement),
        limit: 0.9,
        deadband: 0.1,
        priority: 'medium' as const,
        message: 'Leak rate near its limit at the leak test',
        workCenter: 'WC30',
      },
    ],
    historian: {
      tags: wcs.flatMap((wc) => [
        { ...tag(wc.plcFolder, WORK_CENTER_TAGS.lastMeasurement), deadband: 0 },
        { ...tag(wc.plcFolder, WORK_CENTER_TAGS.goodCount), deadband: 0 },
      ]),
      retentionDays: 30,
    },
  };
}

export const emptyConfig = (): StationConfigInput => ({ connections: [], mapping: { nextSerial: null, workCenters: [] }, alarms: [], historian: { tags: [], retentionDays: 30 } });
