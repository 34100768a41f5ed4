import type { OrderEvent } from './orders/order';
import type { QueueEvent } from './queue/dispatch-queue';
import type { UnitEvent } from './units/unit';
import type { WorkCenterEvent } from './workcenter/work-center';
import type { MaterialEvent, ProductEvent } from './master-data';
import type { StockEvent } from './stock';
import type { SupplyEvent } from './supply/receipt';
import type { AccountEvent } from './users';
import type { LineEvent } from './line';
import type { AlarmEvent } from './alarms/alarm';
import type { PackMLCommand } from './packml/model';
import type { AuditEvent } from './audit/events';
import type { CertificateTrustEvent } from './config/certificate-trust';
import type { ChangeEvent } from './changes/change';
import type { BoundSignature, SignaturePolicyEvent } from './audit/signatures';
import type { ProductionSettingsEvent } from './oee/settings';
import type { ProductionReportEvent } from './oee/production-report';
import type { DowntimeEvent } from './oee/downtime';
import type { SpcEvent } from './spc/baseline';

/** Configuration changes are recorded as who changed what, before and after (secrets blanked). */
export type ConfigEvent =
  | {
      readonly type: 'ConfigChanged';
      readonly data: {
        readonly section: 'connections' | 'mapping' | 'alarms' | 'historian' | 'uns';
        readonly id: string | null;
        readonly before: unknown;
        readonly after: unknown;
        readonly source: 'hmi' | 'file' | 'start-up';
      };
    }
  /** A PLC command, recorded before it is written: a write is never left unrecorded, even if the station dies during it. */
  | { readonly type: 'PackMLCommandRequested'; readonly data: { readonly workCenter: string; readonly command: PackMLCommand; readonly from: string } }
  /** The PLC took the command. */
  | { readonly type: 'PackMLCommandIssued'; readonly data: { readonly workCenter: string; readonly command: PackMLCommand; readonly from: string } }
  /** The write failed; the reason as the driver said it. */
  | {
      readonly type: 'PackMLCommandFailed';
      readonly data: { readonly workCenter: string; readonly command: PackMLCommand; readonly from: string; readonly reason: string };
    };

export type MasterDataEvent = MaterialEvent | ProductEvent | AccountEvent;

/** Every event the station records. */
export type DomainEvent = OrderEvent | UnitEvent | QueueEvent | WorkCenterEvent | MasterDataEvent | AlarmEvent | ConfigEvent | StockEvent | LineEvent | AuditEvent | SignaturePolicyEvent | CertificateTrustEvent | ChangeEvent | SupplyEvent | ProductionSettingsEvent | ProductionReportEvent | DowntimeEvent | SpcEvent;
export type DomainEventType = DomainEvent['type'];

/** What the log adds to an event: where it stands, who caused it, when, under which request. */
export interface RecordMeta {
  readonly seq: number;
  readonly stationId: string;
  readonly stream: string;
  readonly streamVersion: number;
  readonly at: string;
  readonly actor: string;
  /** The request that caused it (null for events recorded before correlation ids were kept). */
  readonly correlationId: string | null;
  /** Electronic signatures over it, each bound to it (absent when unsigned). */
  readonly signatures?: readonly BoundSignature[];
}

/**
 * An event as recorded: the log row. A union over the event types, so that switching on `type` types `data`
 * (projectors need no casts).
 */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent ? RecordMeta & E : never;

/** Stream names: one stream per aggregate instance. */
export const streams = {
  order: (number: string) => `order:${number}`,
  unit: (serial: string) => `unit:${serial}`,
  queue: (line: string) => `queue:${line}`,
  workCenter: (id: string) => `wc:${id}`,
  material: (id: string, revision: string) => `material:${id}/${revision}`,
  product: (product: string, revision: string) => `product:${product}/${revision}`,
  user: (username: string) => `user:${username}`,
  alarm: (id: string) => `alarm:${id}`,
  config: () => 'config:station',
  stock: (material: string, revision: string) => `stock:${material}/${revision}`,
  receipt: (id: string) => `supply:${id}`,
  line: (id: string) => `line:${id}`,
  /** A line's shift calendar and time classes. */
  production: (line: string) => `production:${line}`,
  /** A hand report of one shift at one work center. */
  productionReport: (workCenter: string, shift: string) => `report:${workCenter}/${shift}`,
  /** One stop of a work center (its reason). */
  stop: (workCenter: string, start: string) => `stop:${workCenter}@${start}`,
  /** A characteristic's control limits. */
  spc: (workCenter: string, measurement: string) => `spc:${workCenter}/${measurement}`,
  /** Events about the record itself (the chain's adoption, signature settings). */
  audit: () => 'audit:record',
};

/** The screens' topics: an event says which it changes; the live stream tells clients what to re-read. */
/** `audit`: the record itself; every commit changes it (the Audit screen re-reads on it). */
export const TOPICS = ['orders', 'line', 'wip', 'master', 'alarms', 'config', 'audit', 'changes', 'supply', 'oee', 'spc'] as const;
export type Topic = (typeof TOPICS)[number];

const ORDER: readonly Topic[] = ['orders', 'line'];
const QUEUE: readonly Topic[] = ['orders'];
const UNIT: readonly Topic[] = ['wip', 'line', 'orders'];
const LINE: readonly Topic[] = ['line'];
const MASTER: readonly Topic[] = ['master'];
const ALARMS: readonly Topic[] = ['alarms'];
// Sign-ins and account changes show on no shared screen: nothing to re-read.
const NONE: readonly Topic[] = [];

/** Every event type with its topics: a new event without topics is a type error. */
const TOPICS_OF: Readonly<Record<DomainEventType, readonly Topic[]>> = {
  OrderReceived: ORDER, OrderReleased: ORDER, OrderDispatched: ORDER, OrderHeld: ORDER, OrderResumed: ORDER, OrderSplit: ORDER,
  OrderCancelled: ORDER, OrderStarted: ORDER, OrderCompleted: ORDER,
  OrderQueued: QUEUE, OrderMoved: QUEUE, OrderDequeued: QUEUE,
  UnitStarted: UNIT, UnitArrived: UNIT, OperationCompleted: [...UNIT, 'oee', 'spc'], UnitCompleted: UNIT, LotConsumed: UNIT, UnitScrapped: [...UNIT, 'oee'],
  UnitSentToRework: [...UNIT, 'oee'], OperationQuantityReported: [...UNIT, 'oee'],
  UnitRevised: [...UNIT, 'changes'], UnitHeld: [...UNIT, 'changes'],
  WorkCenterStateChanged: [...LINE, 'oee'], PackMLCommandRequested: LINE, PackMLCommandIssued: LINE, PackMLCommandFailed: LINE,
  AlarmRaised: ALARMS, AlarmReturned: ALARMS, AlarmAcknowledged: ALARMS, AlarmShelved: ALARMS, AlarmUnshelved: ALARMS,
  ConfigChanged: ['config'],
  CertificateTrustChanged: ['config'],
  ChangeSubmitted: ['changes'],
  ChangeApproved: ['changes', 'master', 'orders'],
  ChangeRejected: ['changes'],
  ChangeDeferred: ['changes'],
  DispositionsChosen: ['changes'],
  OrderRevisionChanged: ORDER,
  LineConfigured: ['line', 'master', 'orders'],
  StockCounted: ['master', 'orders', 'supply'],
  ReceiptExpected: ['supply'],
  ReceiptRevised: ['supply'],
  MaterialDefined: MASTER, ProductDefined: MASTER,
  UserCreated: NONE, UserDisabled: NONE, UserEnabled: NONE, UserRoleChanged: NONE, PasswordReset: NONE, PasswordChanged: NONE,
  SignedIn: NONE, SignInFailed: NONE, SignatureFailed: NONE, AccountLocked: NONE, AccountUnlocked: NONE, SignedOut: NONE, SignInThrottled: NONE,
  AccountPolicyChanged: NONE,
  RecordChained: NONE,
  SignaturePolicyChanged: NONE,
  ShiftCalendarSet: ['oee'], TimeClassesSet: ['oee'], ProductionReported: ['oee'], DowntimeReasonsSet: ['oee'], DowntimeReasonGiven: ['oee', 'line'],
  SpcLimitsSet: ['spc'],
};

export const topicsOf = (type: DomainEventType): readonly Topic[] => TOPICS_OF[type];

/** The event of a type among a command's events, typed by its type. */
export function findEvent<T extends DomainEventType>(events: readonly DomainEvent[], type: T): Extract<DomainEvent, { type: T }> | undefined {
  return events.find((e): e is Extract<DomainEvent, { type: T }> => e.type === type);
}
