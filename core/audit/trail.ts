// The audit trail for people: each event as who, what, when, why, and before and after where something was changed.
// Pure: the station reads the rows, this says what they mean.

/** The objects the trail can be filtered by. */
export const AUDIT_OBJECTS = ['order', 'unit', 'lot', 'product', 'material', 'work-center', 'user', 'line', 'alarm', 'configuration'] as const;
export type AuditObjectKind = (typeof AUDIT_OBJECTS)[number];

/** What an event is about, from its stream. */
export function objectOf(stream: string, data: unknown): { kind: AuditObjectKind | 'record'; id: string } {
  const [prefix = '', rest = ''] = splitOnce(stream, ':');
  switch (prefix) {
    case 'order':
      return { kind: 'order', id: rest };
    case 'queue':
      return { kind: 'line', id: rest };
    case 'unit':
      return { kind: 'unit', id: rest };
    case 'product':
      return { kind: 'product', id: rest.replace('/', ' rev ') };
    case 'material':
    case 'stock':
      return { kind: 'material', id: rest.replace('/', ' rev ') };
    case 'wc':
      return { kind: 'work-center', id: rest };
    case 'user':
    case 'access':
      return { kind: 'user', id: rest.startsWith('?') ? ((data as { username?: string; address?: string })?.username ?? (data as { address?: string })?.address ?? rest) : rest };
    case 'line':
      return { kind: 'line', id: rest };
    case 'alarm':
      return { kind: 'alarm', id: rest };
    case 'config':
    case 'policy':
      return { kind: 'configuration', id: rest };
    default:
      return { kind: 'record', id: stream };
  }
}

const splitOnce = (s: string, sep: string): [string, string] => {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
};

/** "OrderReleased" → "Order released". */
export function typeInWords(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

/** Why, where the person gave a reason (hold, cancel, scrap, shelve, a change's reason). */
export function reasonOf(data: unknown): string | null {
  const d = data as { reason?: unknown; comment?: unknown } | null;
  if (d && typeof d.reason === 'string' && d.reason) return d.reason;
  if (d && typeof d.comment === 'string' && d.comment) return d.comment;
  return null;
}

/** Before and after, for the events that change configuration, master data, users and policies. */
export function changeOf(type: string, data: unknown): { before: unknown; after: unknown } | null {
  const d = data as Record<string, unknown> | null;
  if (!d) return null;
  if ('before' in d || 'after' in d) return { before: d.before ?? null, after: d.after ?? null };
  if (type === 'UserRoleChanged') return { before: d.from ?? null, after: d.to ?? null };
  if (type === 'ProductDefined' || type === 'MaterialDefined') return { before: null, after: d.definition ?? d };
  return null;
}

/** One line of what happened, from the event's type and its key facts. */
export function whatOf(type: string, data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  const facts = ['number', 'serial', 'lot', 'material', 'workCenter', 'username', 'state', 'operation', 'quantity', 'section', 'command', 'id']
    .filter((k) => d[k] !== undefined && d[k] !== null && typeof d[k] !== 'object')
    .map((k) => `${k} ${String(d[k])}`);
  return facts.length > 0 ? `${typeInWords(type)}: ${facts.join(', ')}` : typeInWords(type);
}
