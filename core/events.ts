import type { OrderEvent } from './orders/order';
import type { QueueEvent } from './queue/dispatch-queue';
import type { UnitEvent } from './units/unit';
import type { WorkCenterEvent } from './workcenter/work-center';
import type { MaterialDefinition, ProductDefinition } from './material/model';
import type { Role } from './users/roles';

export type MasterDataEvent =
  | { readonly type: 'MaterialDefined'; readonly data: MaterialDefinition }
  | { readonly type: 'ProductDefined'; readonly data: ProductDefinition }
  | { readonly type: 'UserCreated'; readonly data: { readonly username: string; readonly displayName: string; readonly role: Role } };

/** Every event the station records. */
export type DomainEvent = OrderEvent | UnitEvent | QueueEvent | WorkCenterEvent | MasterDataEvent;
export type DomainEventType = DomainEvent['type'];

/** An event as recorded: the log row. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  readonly seq: number;
  readonly stationId: string;
  readonly stream: string;
  readonly streamVersion: number;
  readonly at: string;
  readonly actor: string;
  readonly type: E['type'];
  readonly data: E['data'];
}

/** Stream names: one stream per aggregate instance. */
export const streams = {
  order: (number: string) => `order:${number}`,
  unit: (serial: string) => `unit:${serial}`,
  queue: (line: string) => `queue:${line}`,
  workCenter: (id: string) => `wc:${id}`,
  material: (id: string, revision: string) => `material:${id}/${revision}`,
  product: (product: string, revision: string) => `product:${product}/${revision}`,
  user: (username: string) => `user:${username}`,
};

/** Which screens an event changes; the live stream tells clients what to re-read. */
export type Topic = 'orders' | 'line' | 'wip' | 'master';

export function topicsOf(type: DomainEventType): Topic[] {
  if (type.startsWith('Order')) return type === 'OrderQueued' || type === 'OrderMoved' || type === 'OrderDequeued' ? ['orders'] : ['orders', 'line'];
  if (type.startsWith('Unit') || type === 'OperationCompleted') return ['wip', 'line', 'orders'];
  if (type === 'WorkCenterStateChanged') return ['line'];
  return ['master'];
}
