// Shared by this folder's integration tests (not part of the driver's public face).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { isAppError } from '../../core';
import { loadSimulatorProfile, type SimulatorProfile } from '../simulator';

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo line without chance: no short stops, measurements always pass unless a reject is forced. */
export async function demoProfile(): Promise<SimulatorProfile> {
  const loaded = loadSimulatorProfile(await readFile(path.join(import.meta.dirname, '../../resources/demo/simulator.json'), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return {
    ...loaded.value,
    shortStopProbability: 0,
    workCenters: loaded.value.workCenters.map((wc) => ({ ...wc, measurement: { ...wc.measurement, sd: 0 } })),
  };
}

/** A plain MQTT client that records what arrives on the topics it is told to watch. */
export interface Observer {
  readonly client: MqttClient;
  readonly messages: { topic: string; payload: Buffer; retain: boolean }[];
  on(topic: string): { topic: string; payload: Buffer; retain: boolean }[];
  dispose(): Promise<void>;
}

export async function observe(url: string, topics: string[]): Promise<Observer> {
  const client = await mqtt.connectAsync(url, { clientId: `observer-${Math.random().toString(16).slice(2)}`, reconnectPeriod: 200 });
  const messages: Observer['messages'] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, retain: packet.retain }));
  if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
  return {
    client,
    messages,
    on: (topic) => messages.filter((m) => m.topic === topic),
    dispose: () => client.endAsync(),
  };
}

export const stateOf = (payload: Buffer): { online: boolean; timestamp: number } => JSON.parse(payload.toString('utf8')) as { online: boolean; timestamp: number };

export const hasCode = (err: unknown, code: string): boolean => isAppError(err) && err.code === code;
