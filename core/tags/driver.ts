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
  /** Absolute deadband: changes smaller than this are not reported (numeric tags). */
  readonly deadband?: number;
}

/** One entry of a driver's address space, for the engineer's tag browser. */
export interface BrowseNode {
  /** The tag address to subscribe to (for a folder: the address to browse next). */
  readonly address: string;
  readonly name: string;
  readonly kind: 'folder' | 'tag';
  /** The device's data type name, e.g. "Double", "Int32", "String". */
  readonly dataType?: string;
  readonly hasChildren: boolean;
}

/** Counters a driver keeps about what it received: a plant engineer reads these when values look wrong. */
export interface DriverStats {
  readonly updates: number;
  /** Messages or values refused (corrupt payload, wrong type, unknown alias…), never turned into values. */
  readonly rejected: number;
  readonly lastRejection: string | null;
  readonly reconnects: number;
}

/** Every tag of the connection (Sparkplug: every metric of every birth), for subscribe(). */
export const ALL_TAGS = '#';

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
  /** The children of a folder; null browses from the root. */
  browse(address: string | null): Promise<BrowseNode[]>;
  stats(): DriverStats;
}
