import type { BrowseNode, TagValue } from '../../core';
import { dataTypeName } from './codec';

/**
 * What the births said: groups → edge nodes → devices → metrics, with each metric's alias, datatype, tag address
 * and last value.
 *
 * Address rule: a node metric is "<group>/<edge node>/<metric name>", a device metric
 * "<group>/<edge node>/<device>/<metric name>". Group, node and device ids are single topic levels (no '/'), metric
 * names may contain '/'. The only ambiguity, a node metric "D/x" beside device "D" with metric "x", is settled by
 * the births: the device metric owns the address, the node metric is then not addressable (logged); it gets the
 * address back when the device metric goes away.
 */
export const NO_VALUE: TagValue = { value: null, quality: 'bad', sourceTime: null };

export interface ReadBackWaiter {
  /** True when the waiter is done with this value. */
  offer(value: TagValue): boolean;
}

export class MetricEntry {
  alias = -1;
  current: TagValue = NO_VALUE;
  /** Writes waiting to see their value come back; null when none (the common case, checked on every update). */
  waiters: Set<ReadBackWaiter> | null = null;
  /** Owns its address (false for a node metric shadowed by a device metric): only then are its values reported. */
  addressed = true;
  /** Scratch for checking a rebirth against the last birth. */
  birthMark = 0;
  constructor(
    readonly scope: Scope,
    readonly name: string,
    public datatype: number,
    readonly address: string,
  ) {}
}

/**
 * Aliases are looked up in an array when they are dense enough (a few ns a lookup, on the hot path), else in the
 * Map: a birth with one alias of 10^6 must not make the host allocate a million slots.
 */
function aliasArray(byAlias: ReadonlyMap<number, MetricEntry>): (MetricEntry | undefined)[] {
  let max = -1;
  for (const alias of byAlias.keys()) if (alias > max) max = alias;
  if (max < 0 || max > 4 * byAlias.size + 1024) return [];
  const array = new Array<MetricEntry | undefined>(max + 1).fill(undefined);
  for (const [alias, entry] of byAlias) array[alias] = entry;
  return array;
}

export abstract class Scope {
  byName = new Map<string, MetricEntry>();
  byAlias = new Map<number, MetricEntry>();
  aliasArray: (MetricEntry | undefined)[] = [];
  /** Born and not dead since. */
  online = false;
  /** Born at least once (a node only heard of through its data is not browsed). */
  born = false;
  /**
   * Messages may have been lost since the birth (a seq gap, a lost broker): a lost birth may have moved the aliases,
   * so values are reported uncertain until the next birth, which has been asked for.
   */
  uncertain = false;
  abstract readonly node: EdgeNode;
  abstract readonly path: string;
  abstract readonly label: string;

  entryOfAlias(alias: number): MetricEntry | undefined {
    return alias < this.aliasArray.length ? this.aliasArray[alias] : this.byAlias.get(alias);
  }
}

export class EdgeNode extends Scope {
  readonly devices = new Map<string, Device>();
  /** bdSeq of the current birth, -1 when unknown. */
  bdSeq = -1;
  /** Last seq seen, -1 when the next one starts a new count (after a birth was missed or the broker was lost). */
  seq = -1;
  readonly path: string;
  constructor(
    readonly group: string,
    readonly id: string,
  ) {
    super();
    this.path = `${group}/${id}`;
  }
  get node(): EdgeNode {
    return this;
  }
  get label(): string {
    return `edge node ${this.path}`;
  }
}

export class Device extends Scope {
  readonly path: string;
  constructor(
    readonly node: EdgeNode,
    readonly id: string,
  ) {
    super();
    this.path = `${node.path}/${id}`;
  }
  get label(): string {
    return `device ${this.path}`;
  }
}

export interface BirthMetric {
  readonly name: string;
  readonly alias: number;
  readonly datatype: number;
}

export class Catalogue {
  private readonly groups = new Map<string, Map<string, EdgeNode>>();
  private readonly byAddress = new Map<string, MetricEntry>();
  private tagCount = 0;
  nodeCount = 0;

  constructor(
    private readonly maxTags: number,
    private readonly log: (message: string) => void,
  ) {}

  node(group: string, id: string): EdgeNode | undefined {
    return this.groups.get(group)?.get(id);
  }

  ensureNode(group: string, id: string): EdgeNode {
    let nodes = this.groups.get(group);
    if (!nodes) this.groups.set(group, (nodes = new Map()));
    let node = nodes.get(id);
    if (!node) {
      nodes.set(id, (node = new EdgeNode(group, id)));
      this.nodeCount++;
    }
    return node;
  }

  ensureDevice(node: EdgeNode, id: string): Device {
    let device = node.devices.get(id);
    if (!device) node.devices.set(id, (device = new Device(node, id)));
    return device;
  }

  find(address: string): MetricEntry | undefined {
    return this.byAddress.get(address);
  }

  *nodes(): Iterable<EdgeNode> {
    for (const nodes of this.groups.values()) yield* nodes.values();
  }

  *entries(): Iterable<MetricEntry> {
    for (const node of this.nodes()) {
      yield* node.byName.values();
      for (const device of node.devices.values()) yield* device.byName.values();
    }
  }

  /** Replaces a node's or device's metrics by what its birth lists; returns the metrics that no longer exist, or why the birth is refused. */
  define(scope: Scope, metrics: readonly BirthMetric[]): MetricEntry[] | string {
    const added = metrics.reduce((n, m) => n + (scope.byName.has(m.name) ? 0 : 1), 0);
    if (this.tagCount + added > this.maxTags) return `the host already holds ${this.tagCount} metrics (limit ${this.maxTags})`;
    const byName = new Map<string, MetricEntry>();
    const byAlias = new Map<number, MetricEntry>();
    for (const m of metrics) {
      let entry = scope.byName.get(m.name);
      if (!entry) {
        entry = new MetricEntry(scope, m.name, m.datatype, `${scope.path}/${m.name}`);
        this.claim(entry);
        this.tagCount++;
      }
      entry.datatype = m.datatype;
      entry.alias = m.alias;
      byName.set(m.name, entry);
      if (m.alias >= 0) byAlias.set(m.alias, entry);
    }
    const removed = [...scope.byName.values()].filter((e) => !byName.has(e.name));
    scope.byName = byName;
    scope.byAlias = byAlias;
    scope.aliasArray = aliasArray(byAlias);
    for (const entry of removed) this.release(entry);
    this.tagCount -= removed.length;
    return removed;
  }

  private claim(entry: MetricEntry): void {
    const other = this.byAddress.get(entry.address);
    if (other && other.scope instanceof Device && entry.scope instanceof EdgeNode) {
      this.log(`${entry.scope.label} metric "${entry.name}" has the same address as a device metric: only ${entry.address} of the device can be read`);
      entry.addressed = false;
      return;
    }
    if (other) {
      this.log(`${entry.address} now names the device metric; the node metric "${other.name}" of the same address cannot be read`);
      other.addressed = false;
    }
    entry.addressed = true;
    this.byAddress.set(entry.address, entry);
  }

  private release(entry: MetricEntry): void {
    if (this.byAddress.get(entry.address) !== entry) return;
    this.byAddress.delete(entry.address);
    if (entry.scope instanceof Device) {
      const shadowed = entry.scope.node.byName.get(`${entry.scope.id}/${entry.name}`);
      if (shadowed) {
        shadowed.addressed = true;
        this.byAddress.set(shadowed.address, shadowed);
      }
    }
  }

  /** null: the groups; "G": its edge nodes; "G/N": node metrics and devices; "G/N/D": device metrics. */
  browse(address: string | null): BrowseNode[] {
    const folder = (path: string, name: string, hasChildren: boolean): BrowseNode => ({ address: path, name, kind: 'folder', hasChildren });
    const tags = (scope: Scope): BrowseNode[] =>
      [...scope.byName.values()].map((e) => ({ address: e.address, name: e.name, kind: 'tag', dataType: dataTypeName(e.datatype), hasChildren: false }));
    if (address === null) return sorted([...this.groups].filter(([, nodes]) => [...nodes.values()].some((n) => n.born)).map(([g]) => folder(g, g, true)));
    const [group = '', nodeId, deviceId, ...rest] = address.split('/');
    if (rest.length > 0) return [];
    const nodes = this.groups.get(group);
    if (!nodes) return [];
    if (nodeId === undefined) return sorted([...nodes.values()].filter((n) => n.born).map((n) => folder(n.path, n.id, n.byName.size + n.devices.size > 0)));
    const node = nodes.get(nodeId);
    if (!node) return [];
    if (deviceId === undefined) return [...sorted(tags(node)), ...sorted([...node.devices.values()].map((d) => folder(d.path, d.id, d.byName.size > 0)))];
    const device = node.devices.get(deviceId);
    return device ? sorted(tags(device)) : [];
  }
}

const sorted = (nodes: BrowseNode[]): BrowseNode[] => nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
