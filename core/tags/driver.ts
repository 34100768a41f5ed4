/**
 * What every device driver (OPC UA, Sparkplug, …) offers the station. Values carry their quality and
 * source timestamp instead of throwing (node-opcua StatusCode practice): a value that is not good is never shown as live.
 */
export type Quality = 'good' | 'uncertain' | 'bad';

export interface TagValue {
  readonly value: string | number | boolean | null;
  readonly quality: Quality;
  /** When the device says the value was sampled (ISO 8601), null when unknown. */
  readonly sourceTime: string | null;
}

export interface Disposable {
  dispose(): Promise<void>;
}

export interface DriverHealth {
  readonly connected: boolean;
  readonly endpoint: string;
  /** What a person should read: "connected", "connection lost, retrying in 2 s", "certificate rejected", … */
  readonly message: string;
  readonly since: string;
}

export interface SubscribeOptions {
  readonly samplingIntervalMs?: number;
  readonly publishingIntervalMs?: number;
}

export interface Driver extends Disposable {
  /** Resolves once connected; keeps reconnecting by itself after that. */
  connect(): Promise<void>;
  health(): DriverHealth;
  onHealth(listener: (health: DriverHealth) => void): Disposable;
  /** Tag addresses are driver-specific strings (OPC UA: "nsu=<namespace uri>;s=<id>" or "ns=2;s=<id>"). */
  subscribe(tags: readonly string[], onChange: (tag: string, value: TagValue) => void, options?: SubscribeOptions): Promise<Disposable>;
  read(tags: readonly string[]): Promise<TagValue[]>;
  /** Writes, then reads back and resolves only when the device holds the written value. */
  write(tag: string, value: string | number | boolean): Promise<void>;
}
