import { useEffect, useState } from 'react';
import type { RecordState, ReplicationState } from '../../core';
import type { ConnectionStatus } from '../client';
import { useClient } from './context';

export interface StationStatus {
  readonly connection: ConnectionStatus;
  /** null until the station has told us. */
  readonly plc: { readonly connected: boolean; readonly message: string } | null;
  readonly stationId: string | null;
  /** Whether the last health read reached the station at all. */
  readonly reachable: boolean | null;
  /** The record's integrity (the hash chain): null until the station has told us. */
  readonly record: RecordState | null;
  /** Shipping the log to the plant: null while unknown, or when this station ships to no plant. */
  readonly replication: ReplicationState | null;
}

const HEALTH_EVERY_MS = 30_000;

/** Station link (the live stream), PLC link (health on start, then 'plc' stream messages), the record's integrity ('record' messages). */
export function useStationStatus(): StationStatus {
  const client = useClient();
  const [connection, setConnection] = useState<ConnectionStatus>(() => client.connection());
  const [plc, setPlc] = useState<StationStatus['plc']>(null);
  const [stationId, setStationId] = useState<string | null>(null);
  const [reachable, setReachable] = useState<boolean | null>(null);
  const [record, setRecord] = useState<RecordState | null>(null);
  const [replication, setReplication] = useState<ReplicationState | null>(null);

  useEffect(() => {
    let alive = true;
    // The live channel tells how each thing stands as a screen joins, then each change: once it has, a health read
    // (over another connection, its answer perhaps older than what the channel just said) no longer overrides it.
    const heard = new Set<'plc' | 'replication'>();
    const readHealth = async () => {
      const result = await client.call('health', {});
      if (!alive) return;
      setReachable(result.ok || result.error.code !== 'network');
      if (result.ok) {
        if (!heard.has('plc')) setPlc({ connected: result.value.plc.connected, message: result.value.plc.message });
        setStationId(result.value.stationId);
        if (!heard.has('replication')) setReplication(result.value.replication ?? null);
      }
    };
    const readRecord = async () => {
      const result = await client.call('recordState', {});
      if (alive && result.ok) setRecord(result.value);
    };
    void readHealth();
    void readRecord();
    const timer = setInterval(() => void readHealth(), HEALTH_EVERY_MS);
    const offConnection = client.onConnection((status) => {
      setConnection(status);
      if (status.state !== 'online') heard.clear();
      if (status.state === 'online') {
        void readHealth();
        void readRecord();
      }
    });
    const offStream = client.subscribe((message) => {
      if (message.kind === 'plc' || message.kind === 'replication') heard.add(message.kind);
      if (message.kind === 'plc') setPlc({ connected: message.connected, message: message.message });
      if (message.kind === 'hello') setStationId(message.stationId);
      if (message.kind === 'record') setRecord(message.state);
      if (message.kind === 'replication') setReplication(message.state);
    });
    setConnection(client.connection());
    return () => {
      alive = false;
      clearInterval(timer);
      offConnection();
      offStream();
    };
  }, [client]);

  return { connection, plc, stationId, reachable, record, replication };
}
