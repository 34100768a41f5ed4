/** Sparkplug B topics: spBv1.0/<group>/<type>/<edge node>[/<device>] and spBv1.0/STATE/<host id>. */
export const NAMESPACE = 'spBv1.0';

export type NodeMessageType = 'NBIRTH' | 'NDEATH' | 'NDATA' | 'NCMD';
export type DeviceMessageType = 'DBIRTH' | 'DDEATH' | 'DDATA' | 'DCMD';

export type SparkplugTopic =
  | { readonly kind: 'node'; readonly type: NodeMessageType; readonly group: string; readonly node: string }
  | { readonly kind: 'device'; readonly type: DeviceMessageType; readonly group: string; readonly node: string; readonly device: string }
  | { readonly kind: 'state'; readonly hostId: string };

const NODE_TYPES: ReadonlySet<string> = new Set(['NBIRTH', 'NDEATH', 'NDATA', 'NCMD']);
const DEVICE_TYPES: ReadonlySet<string> = new Set(['DBIRTH', 'DDEATH', 'DDATA', 'DCMD']);

/** A group, edge node, device or host id: one non-empty topic level without wildcards. */
export function isValidId(id: string): boolean {
  return id.length > 0 && id.length <= 256 && !/[/+#\0]/.test(id);
}

/** The topic's meaning, or why it is not a Sparkplug B topic. */
export function parseTopic(topic: string): SparkplugTopic | string {
  const levels = topic.split('/');
  if (levels[0] !== NAMESPACE) return `not in the ${NAMESPACE} namespace`;
  const [, group = '', type = '', node = '', device] = levels;
  if (group === 'STATE') {
    if (levels.length !== 3 || !isValidId(type)) return 'a STATE topic is spBv1.0/STATE/<host id>';
    return { kind: 'state', hostId: type };
  }
  if (!isValidId(group) || !isValidId(node)) return 'empty or invalid group or edge node id';
  if (NODE_TYPES.has(type)) {
    if (levels.length !== 4) return `${type} topics have 4 levels, not ${levels.length}`;
    return { kind: 'node', type: type as NodeMessageType, group, node };
  }
  if (DEVICE_TYPES.has(type)) {
    if (levels.length !== 5 || device === undefined || !isValidId(device)) return `${type} topics have 5 levels with a device id`;
    return { kind: 'device', type: type as DeviceMessageType, group, node, device };
  }
  return `unknown message type "${type.slice(0, 32)}"`;
}

export const nodeTopic = (type: NodeMessageType, group: string, node: string): string => `${NAMESPACE}/${group}/${type}/${node}`;

export const deviceTopic = (type: DeviceMessageType, group: string, node: string, device: string): string =>
  `${NAMESPACE}/${group}/${type}/${node}/${device}`;

export const stateTopic = (hostId: string): string => `${NAMESPACE}/STATE/${hostId}`;
