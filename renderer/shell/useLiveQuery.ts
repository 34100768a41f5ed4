import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, InputOf, OperationName, OutputOf, Topic } from '../../core';
import { useClient } from './context';

export type { Topic };

export interface LiveQuery<T> {
  readonly data: T | null;
  readonly error: AppError | null;
  readonly loading: boolean;
  /** The data may be old: the last read failed or the live link to the station is down. */
  readonly stale: boolean;
  /** The last stream sequence number seen when the shown data was asked for: every change up to it is in the data. */
  readonly seq: number;
  reload(): void;
}

/** Bursts of changes are coalesced: at most one read per window, and never two reads in flight. */
const COALESCE_MS = 100;
/** The stream drives updates; this slow read only covers a stream that is silently gone. */
const FALLBACK_MS = 30_000;

/**
 * Reads an operation and re-reads it when the stream says one of `topics` changed (or on a new 'hello',
 * i.e. after a reconnect, when changes may have been missed). Keeps the last good data while a re-read fails.
 */
export function useLiveQuery<K extends OperationName>(
  operation: K,
  input: InputOf<K>,
  topics: readonly Topic[],
  /** At most one read per this many ms (default 100); a large read (the board of 100,000 orders) asks for more. */
  minIntervalMs?: number,
): LiveQuery<OutputOf<K>> {
  const intervalRef = useRef(minIntervalMs ?? COALESCE_MS);
  intervalRef.current = minIntervalMs ?? COALESCE_MS;
  const client = useClient();
  const [data, setData] = useState<{ value: OutputOf<K>; seq: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(true);
  const [linkDown, setLinkDown] = useState(() => client.connection().state === 'offline');
  const inputKey = JSON.stringify(input);
  const topicKey = topics.join(',');
  const scheduleRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let alive = true;
    let inFlight = false;
    let dirty = false;
    let lastRun = 0;
    let seenSeq = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const wanted = new Set(topicKey.split(','));
    const parsedInput = JSON.parse(inputKey) as InputOf<K>;

    const run = async (): Promise<void> => {
      if (inFlight) {
        dirty = true;
        return;
      }
      inFlight = true;
      lastRun = Date.now();
      const askedAt = seenSeq;
      const result = await client.call(operation, parsedInput);
      inFlight = false;
      if (!alive) return;
      if (result.ok) {
        setData({ value: result.value, seq: askedAt });
        setError(null);
      } else {
        setError(result.error);
      }
      setLoading(false);
      if (dirty) {
        dirty = false;
        schedule();
      }
    };

    const schedule = (): void => {
      if (!alive || timer !== null) return;
      const wait = Math.max(0, lastRun + intervalRef.current - Date.now());
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, wait);
    };
    scheduleRef.current = schedule;

    const unsubscribe = client.subscribe((message) => {
      if (message.kind === 'hello' || message.kind === 'changed') seenSeq = Math.max(seenSeq, message.seq);
      // A PLC link that drops or returns changes the line at once (every signal's quality), though no event says so.
      const plcChanged = message.kind === 'plc' && wanted.has('line');
      if (message.kind === 'hello' || plcChanged || (message.kind === 'changed' && message.topics.some((t) => wanted.has(t)))) schedule();
    });
    const offConnection = client.onConnection((status) => setLinkDown(status.state === 'offline'));
    const fallback = setInterval(schedule, FALLBACK_MS);
    void run();

    return () => {
      alive = false;
      unsubscribe();
      offConnection();
      clearInterval(fallback);
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, operation, inputKey, topicKey]);

  const reload = useCallback(() => scheduleRef.current(), []);
  return { data: data?.value ?? null, seq: data?.seq ?? 0, error, loading, stale: error !== null || linkDown, reload };
}
