import type { AppError, PlantOverview } from '../../core';
import type { PlantClient } from './plant-client';
import { usePlantQuery } from './use-plant-query';

/** Every line as the plant has it, read every two seconds while the plant HMI is open; `reload` reads it at once. */
export function usePlantOverview(client: PlantClient): { overview: PlantOverview | null; error: AppError | null; reload: () => void } {
  const q = usePlantQuery(client, 'plantOverview', () => ({}), 2_000);
  return { overview: q.data, error: q.error, reload: q.reload };
}
