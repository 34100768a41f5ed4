import { z } from 'zod';
import { TagRef } from '../alarms/model';
import { TOPICS } from '../events';
import { PACKML_STATES } from '../packml/states';
import { TagValueView } from './modules/connectivity';
import { RecordState } from './modules/audit';
import { ReplicationState } from './modules/session';

/**
 * The live stream's messages (WebSocket and IPC alike). Station to client: a `changed` message says what changed,
 * not the data: clients re-read the topics they show. The few events a screen applies at once travel whole
 * (PushedEvent); every other event is a notice of its type and stream. Tag values a client watches are pushed
 * (`tags`). Client to station (ClientMessage): join the stream under a session (desktop windows), which tags to watch.
 */

/** What a screen re-reads when told it changed. */
export const StreamTopic = z.enum(TOPICS);
export type StreamTopic = z.infer<typeof StreamTopic>;

const head = {
  seq: z.number().int(),
  stream: z.string(),
  /** The stream's version after this event (the dispatch list's version, for a queue event). */
  version: z.number().int().optional(),
};

const pushed = <T extends string, D extends z.ZodType>(type: T, data: D) => z.object({ ...head, type: z.literal(type), at: z.string(), data });

/** Events small and frequent enough to travel whole: the mimic shows machine states, the board dispatch-list changes, without a round trip. */
export const PushedEvent = z.discriminatedUnion('type', [
  pushed('WorkCenterStateChanged', z.object({ workCenter: z.string(), state: z.enum(PACKML_STATES), previous: z.enum(PACKML_STATES).nullable() })),
  pushed('OrderQueued', z.object({ line: z.string(), number: z.string(), position: z.number().int() })),
  pushed('OrderMoved', z.object({ line: z.string(), number: z.string(), from: z.number().int(), to: z.number().int() })),
  pushed('OrderDequeued', z.object({ line: z.string(), number: z.string() })),
]);
export type PushedEvent = z.infer<typeof PushedEvent>;
export type PushedEventType = PushedEvent['type'];
export const PUSHED_EVENT_TYPES: readonly PushedEventType[] = PushedEvent.options.map((o) => o.shape.type.value);

/** Any other event: that it happened, not what it carries. */
export const EventNotice = z.object({ ...head, type: z.string() });
export type EventNotice = z.infer<typeof EventNotice>;

export const StreamEvent = z.union([PushedEvent, EventNotice]);
export type StreamEvent = z.infer<typeof StreamEvent>;

/** Whether an event travelled whole: narrows it to the pushed events, whose `type` then types `data`. */
export const isPushedEvent = (e: StreamEvent): e is PushedEvent => 'data' in e && (PUSHED_EVENT_TYPES as readonly string[]).includes(e.type);

/** The first message on a connection: where the log stands, and which station this is. */
export const HelloMessage = z.object({ kind: z.literal('hello'), seq: z.number().int(), stationId: z.string() });
export type HelloMessage = z.infer<typeof HelloMessage>;

/** Events were committed: up to the last 50 of one commit; a client that sees a gap in `seq` reads again. */
export const ChangedMessage = z.object({ kind: z.literal('changed'), seq: z.number().int(), topics: z.array(StreamTopic), events: z.array(StreamEvent) });
export type ChangedMessage = z.infer<typeof ChangedMessage>;

/** The connection to the line's PLC went up or down. */
export const PlcMessage = z.object({ kind: z.literal('plc'), connected: z.boolean(), message: z.string() });
export type PlcMessage = z.infer<typeof PlcMessage>;

/** The record's integrity changed (a walk began, moved on, ended). */
export const RecordMessage = z.object({ kind: z.literal('record'), state: RecordState });
export type RecordMessage = z.infer<typeof RecordMessage>;

/** Shipping the log to the plant changed state, or moved on while catching up (at most about once a second). */
export const ReplicationMessage = z.object({ kind: z.literal('replication'), state: ReplicationState });
export type ReplicationMessage = z.infer<typeof ReplicationMessage>;

/** The most tags one client may watch at once (as many as one readTags call). */
export const MAX_WATCHED_TAGS = 500;

/**
 * Client to station: watch these tags, replacing the set this client watched before; an empty set stops.
 * The station answers with a `tags` message of their current values, then with their changes.
 */
export const WatchMessage = z.object({ kind: z.literal('watch'), tags: z.array(TagRef).max(MAX_WATCHED_TAGS, `at most ${MAX_WATCHED_TAGS} tags at once`) });
export type WatchMessage = z.infer<typeof WatchMessage>;

/**
 * Client to station: hear the station's changes under this session (the token beside the message). A desktop window
 * sends it when it signs in; a WebSocket joins as it opens, its token checked at the upgrade. Until then, and from
 * the moment its session ends (sign-out, revocation, idle, a disabled user), a client hears nothing but a refusal.
 */
export const JoinMessage = z.object({ kind: z.literal('join') });
export type JoinMessage = z.infer<typeof JoinMessage>;

/** What a client may send on the live channel. */
export const ClientMessage = z.discriminatedUnion('kind', [JoinMessage, WatchMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/**
 * Values of watched tags, with quality and source time: all current values when a watch starts, then the tags that
 * changed, at most about ten messages a second per client, each tag with its latest value.
 */
export const TagsMessage = z.object({ kind: z.literal('tags'), values: z.array(TagValueView) });
export type TagsMessage = z.infer<typeof TagsMessage>;

/** A client message the station refused (not valid, not signed in): errors are data here too. */
export const RefusedMessage = z.object({
  kind: z.literal('refused'),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type RefusedMessage = z.infer<typeof RefusedMessage>;

export const StreamMessage = z.discriminatedUnion('kind', [HelloMessage, ChangedMessage, PlcMessage, RecordMessage, ReplicationMessage, TagsMessage, RefusedMessage]);
export type StreamMessage = z.infer<typeof StreamMessage>;
