import { useEffect, useState } from 'react';
import type { AppError, PlantOverview } from '../../core';
import type { PlantClient } from './plant-client';

/** Every line as the plant has it, read every two seconds while the plant HMI is open; `reload` reads it at once. */
export function usePlantOverview(client: PlantClient): { overview: PlantOverview | null; error: AppError | null; reload: () => void } {
  const [overview, setOverview] = useState<PlantOverview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await client.call('plantOverview', {});
      if (!live) return;
      if (r.ok) {
        setOverview(r.value);
        setError(null);
      } else setError(r.error);
    };
    void load();
    const every = setInterval(() => void load(), 2_000);
    return () => {
      live = false;
      clearInterval(every);
    };
  }, [client, asked]);
  return { overview, error, reload: () => setAsked((n) => n + 1) };
}
