import { z } from 'zod';

/** ISA-95 equipment hierarchy: site → area → line → work center. */
export const WorkCenterDefinition = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'work center id: letters, digits, _ or -, at most 32'),
  name: z.string().min(1).max(80),
  /** Folder of the work center's tags on the line PLC (OPC UA browse path below the line folder). */
  plcFolder: z.string().min(1),
});
export type WorkCenterDefinition = z.infer<typeof WorkCenterDefinition>;

export const LineDefinition = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: z.string().min(1).max(80),
  workCenters: z.array(WorkCenterDefinition).min(1),
});
export type LineDefinition = z.infer<typeof LineDefinition>;

export const EquipmentModel = z.object({
  site: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  area: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  line: LineDefinition,
});
export type EquipmentModel = z.infer<typeof EquipmentModel>;

export function findWorkCenter(model: EquipmentModel, id: string): WorkCenterDefinition | undefined {
  return model.line.workCenters.find((w) => w.id === id);
}
