import { useEffect, useRef, useState } from 'react';
import type { AppError, PlantOperationName } from '../../core';
import type { PlantClient, PlantInput, PlantOutput } from './plant-client';

/** The last `days` days up to now (to the next whole minute), as a plant read's range. */
export function lastDays(days: number): { from: string; to: string } {
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
}

/**
 * A plant read, made again every `everyMs` while the screen is open (the plant has no live stream): the last answer,
 * the last error, and `reload` to read at once. `input` is called at each read (a range ending now, say); `key` says
 * when what it asks for changed.
 */
export function usePlantQuery<K extends PlantOperationName>(
  client: PlantClient,
  operation: K,
  input: () => PlantInput<K>,
  everyMs: number,
  key = '',
): { data: PlantOutput<K> | null; error: AppError | null; reload: () => void } {
  const [data, setData] = useState<PlantOutput<K> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  // What is asked for changed (another range, another chart): the answer to the earlier question is not shown under it.
  const [answered, setAnswered] = useState(key);
  if (answered !== key) {
    setAnswered(key);
    setData(null);
    setError(null);
  }
  useEffect(() => {
    let live = true;
    let asking = false;
    const load = async () => {
      // A read still on its way is not asked again (a slow plant is not piled on).
      if (asking) return;
      asking = true;
      const r = await client.call(operation, inputRef.current()).finally(() => (asking = false));
      if (!live) return;
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    };
    void load();
    const every = setInterval(() => void load(), everyMs);
    return () => {
      live = false;
      clearInterval(every);
    };
  }, [client, operation, everyMs, key, asked]);
  return { data, error, reload: () => setAsked((n) => n + 1) };
}
