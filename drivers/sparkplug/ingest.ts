import type { TagValue } from '../../core';
import { bdSeqOf, birthMetrics, findBirthEntries, repeatsBirth } from './births';
import type { Catalogue, EdgeNode, MetricEntry, Scope } from './catalogue';
import { PayloadDecoder, REFUSED, ValueField, dataTypeName, refusalReason, type DecodeLimits } from './codec';
import { parseTopic } from './topic';
import { isoTime, tagScalar } from './values';

export interface IngestEvents {
  /** entry.current changed: tell the subscribers and the writes waiting for it. */
  changed(entry: MetricEntry): void;
  rebirth(node: EdgeNode, reason: string): void;
  born(node: EdgeNode): void;
  died(node: EdgeNode): void;
  state(hostId: string, payload: Uint8Array): void;
  rejected(message: string): void;
  log(level: 'info' | 'warn', message: string): void;
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/**
 * Turns Sparkplug messages into metric values: births define the metrics, data updates them by alias (or name),
 * deaths make them stale, seq gaps ask for a rebirth. Whatever cannot be placed with certainty is refused and
 * counted, never turned into a value.
 */
export class Ingest {
  updates = 0;
  rejected = 0;
  lastRejection: string | null = null;
  seqGaps = 0;
  messages = 0;
  private readonly decoder: PayloadDecoder;
  private birthMark = 0;
  /** The entries of the birth being applied, by metric index (reused). */
  private readonly birthEntries: (MetricEntry | undefined)[] = [];

  constructor(
    private readonly catalogue: Catalogue,
    private readonly events: IngestEvents,
    private readonly limits: DecodeLimits,
    private readonly maxNodes: number,
  ) {
    this.decoder = new PayloadDecoder(limits);
  }

  handle(topic: string, bytes: Uint8Array): void {
    this.messages++;
    const t = parseTopic(topic);
    if (typeof t === 'string') return this.reject(`message on topic "${clip(topic)}" refused: ${t}`);
    if (t.kind === 'state') return this.events.state(t.hostId, bytes);
    if (t.type === 'NCMD' || t.type === 'DCMD') return; // commands to edge nodes (ours among them)
    const what = `${t.type} from ${t.group}/${t.node}${t.kind === 'device' ? `/${t.device}` : ''}`;
    const why = this.decoder.decode(bytes);
    if (why !== null) return this.reject(`${what} refused: ${why}`);
    if (t.type === 'NBIRTH') return this.nodeBirth(t.group, t.node, what);
    if (t.type === 'NDEATH') return this.nodeDeath(t.group, t.node, what);
    const node = this.catalogue.node(t.group, t.node);
    if (!node?.online) return this.unborn(node, t.group, t.node, `${what} refused: no NBIRTH from ${t.group}/${t.node} yet`);
    if (t.kind === 'node') {
      if (this.seqInOrder(node, what)) this.apply(node, what, false);
      return;
    }
    if (t.type === 'DBIRTH') return this.deviceBirth(node, t.device, what);
    if (!this.seqInOrder(node, what)) return;
    const device = node.devices.get(t.device);
    if (t.type === 'DDEATH') {
      if (device?.online) this.kill(device);
      return;
    }
    if (!device?.online) return this.unborn(node, t.group, t.node, `${what} refused: no DBIRTH from ${device?.path ?? `${node.path}/${t.device}`} yet`);
    this.apply(device, what, false);
  }

  /** The broker is gone: every value is stale; seq counting starts afresh, and until a birth nothing is certain. */
  connectionLost(): void {
    for (const node of this.catalogue.nodes()) {
      node.seq = -1;
      node.uncertain = true;
      for (const device of node.devices.values()) device.uncertain = true;
    }
    for (const entry of this.catalogue.entries()) this.stale(entry);
  }

  private reject(message: string): void {
    this.rejected++;
    this.lastRejection = message;
    this.events.rejected(message);
  }

  private unborn(node: EdgeNode | undefined, group: string, id: string, message: string): void {
    this.reject(message);
    if (node) return this.events.rebirth(node, 'data without a birth');
    if (this.catalogue.nodeCount >= this.maxNodes) return;
    this.events.rebirth(this.catalogue.ensureNode(group, id), 'data without a birth');
  }

  private nodeBirth(group: string, id: string, what: string): void {
    if (!this.birthSeqValid(what)) return;
    const existing = this.catalogue.node(group, id);
    if (!existing && this.catalogue.nodeCount >= this.maxNodes) return this.reject(`${what} refused: the host already follows ${this.maxNodes} edge nodes`);
    if (!existing || !repeatsBirth(this.decoder, existing, ++this.birthMark, this.birthEntries)) {
      const metrics = birthMetrics(this.decoder);
      if (typeof metrics === 'string') return this.reject(`${what} refused: ${metrics}`);
      const removed = this.catalogue.define(existing ?? this.catalogue.ensureNode(group, id), metrics);
      if (typeof removed === 'string') return this.reject(`${what} refused: ${removed}`);
      for (const entry of removed) this.stale(entry);
      findBirthEntries(this.decoder, this.birthEntries, this.catalogue.node(group, id)!);
    }
    const node = this.catalogue.node(group, id)!;
    // A node born again has forgotten its devices: they are stale until their own births.
    for (const device of node.devices.values()) this.kill(device);
    node.seq = this.decoder.seq;
    node.bdSeq = bdSeqOf(this.decoder);
    node.online = true;
    node.uncertain = false;
    node.born = true;
    this.apply(node, what, true);
    this.events.born(node);
  }

  private deviceBirth(node: EdgeNode, id: string, what: string): void {
    if (!this.seqInOrder(node, what)) return;
    const existing = node.devices.get(id);
    if (!existing && node.devices.size >= this.maxNodes) return this.reject(`${what} refused: ${node.label} already has ${this.maxNodes} devices`);
    if (!existing || !repeatsBirth(this.decoder, existing, ++this.birthMark, this.birthEntries)) {
      const metrics = birthMetrics(this.decoder);
      if (typeof metrics === 'string') return this.reject(`${what} refused: ${metrics}`);
      const removed = this.catalogue.define(existing ?? this.catalogue.ensureDevice(node, id), metrics);
      if (typeof removed === 'string') return this.reject(`${what} refused: ${removed}`);
      for (const entry of removed) this.stale(entry);
      findBirthEntries(this.decoder, this.birthEntries, node.devices.get(id)!);
    }
    const device = node.devices.get(id)!;
    device.online = true;
    device.born = true;
    device.uncertain = false;
    this.apply(device, what, true);
  }

  private nodeDeath(group: string, id: string, what: string): void {
    const node = this.catalogue.node(group, id);
    if (!node?.online) return;
    const bdSeq = bdSeqOf(this.decoder);
    if (bdSeq >= 0 && node.bdSeq >= 0 && bdSeq !== node.bdSeq) {
      return this.reject(`${what} ignored: its bdSeq ${bdSeq} is not the current session's (${node.bdSeq}), an older connection's will`);
    }
    for (const device of node.devices.values()) this.kill(device);
    this.kill(node);
    node.seq = -1;
    this.events.log('info', `${node.label} died (NDEATH): its metrics are stale`);
    this.events.died(node);
  }

  private kill(scope: Scope): void {
    scope.online = false;
    for (const entry of scope.byName.values()) this.stale(entry);
  }

  private birthSeqValid(what: string): boolean {
    const { seq } = this.decoder;
    if (seq >= 0 && seq <= 255) return true;
    this.reject(`${what} refused: seq ${seq < 0 ? 'missing' : seq} (must be 0…255)`);
    return false;
  }

  /** Checks seq (0…255, +1 each message, wrapping). A gap means lost messages: values uncertain, rebirth asked. */
  private seqInOrder(node: EdgeNode, what: string): boolean {
    const seq = this.decoder.seq;
    if (seq < 0 || seq > 255) {
      this.reject(`${what} refused: seq ${seq < 0 ? 'missing' : seq} (must be 0…255)`);
      return false;
    }
    if (node.seq >= 0 && seq !== ((node.seq + 1) & 0xff)) {
      this.seqGaps++;
      this.events.log('warn', `${what}: seq ${seq} after ${node.seq}, messages were lost; asking for a rebirth`);
      this.markUncertain(node);
      this.events.rebirth(node, `seq gap (${node.seq} → ${seq})`);
    }
    node.seq = seq;
    return true;
  }

  /** Each decoded metric onto its entry: the hot path, no allocation beyond the new TagValue. */
  private apply(scope: Scope, what: string, birth: boolean): void {
    const d = this.decoder;
    const payloadTime = d.timestamp;
    const maxElements = this.limits.maxElements;
    // Since a seq gap or a lost broker, the alias map may be out of date: values stay uncertain until a birth.
    const quality = scope.uncertain && !birth ? 'uncertain' : 'good';
    let rebirthWhy: string | null = null;
    for (let i = 0; i < d.count; i++) {
      const m = d.metric(i);
      const entry = birth ? this.birthEntries[i] : m.alias >= 0 ? scope.entryOfAlias(m.alias) : m.name !== undefined ? scope.byName.get(m.name) : undefined;
      if (entry === undefined) {
        this.reject(`${what}: ${m.alias >= 0 ? `alias ${m.alias}` : `metric "${clip(m.name ?? '')}"`} is not in ${scope.label}'s birth`);
        rebirthWhy ??= 'unknown alias';
        continue;
      }
      if (m.isHistorical) continue; // history, not the live value
      if (m.datatype !== 0 && m.datatype !== entry.datatype) {
        this.refuseValue(entry, `${what}: ${entry.address} came as ${dataTypeName(m.datatype)}, its birth says ${dataTypeName(entry.datatype)}`);
        rebirthWhy ??= 'datatype differs from the birth';
        continue;
      }
      const value = m.field === ValueField.None && !m.isNull ? REFUSED : tagScalar(m, entry.datatype, maxElements);
      if (value === REFUSED) {
        this.refuseValue(entry, `${what}: ${entry.address} refused: ${m.field === ValueField.None ? 'no value' : refusalReason()}`);
        continue;
      }
      entry.current = { value, quality, sourceTime: isoTime(m.timestamp >= 0 ? m.timestamp : payloadTime) };
      this.updates++;
      this.events.changed(entry);
    }
    if (rebirthWhy !== null) this.events.rebirth(scope.node, rebirthWhy);
  }

  private refuseValue(entry: MetricEntry, message: string): void {
    this.reject(message);
    this.stale(entry);
  }

  /** Bad, with the last value kept for context: never left looking live. */
  private stale(entry: MetricEntry): void {
    if (entry.current.quality === 'bad') return;
    entry.current = { ...entry.current, quality: 'bad' };
    this.events.changed(entry);
  }

  private markUncertain(node: EdgeNode): void {
    for (const scope of [node, ...node.devices.values()]) {
      if (scope.uncertain) continue;
      scope.uncertain = true;
      for (const entry of scope.byName.values()) {
        if (entry.current.quality !== 'good') continue;
        entry.current = { ...entry.current, quality: 'uncertain' } satisfies TagValue;
        this.events.changed(entry);
      }
    }
  }
}
