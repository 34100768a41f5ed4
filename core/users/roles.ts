/**
 * Quality engineers trace genealogy, export recalls and sign dispositions; auditors read the whole record (sign-ins
 * included) and export it, and change nothing.
 */
export const ROLES = ['operator', 'shift_lead', 'supervisor', 'engineer', 'quality', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do in the station. Checked in main/, never trusted from a client. */
export const PERMISSIONS = {
  'orders.create': ['supervisor', 'admin'],
  'orders.release': ['shift_lead', 'supervisor', 'admin'],
  'orders.dispatch': ['shift_lead', 'supervisor', 'admin'],
  'orders.hold': ['operator', 'shift_lead', 'supervisor', 'admin'],
  'orders.resume': ['shift_lead', 'supervisor', 'admin'],
  'orders.cancel': ['supervisor', 'admin'],
  /** Resequence and split: shaping the dispatch list. */
  'orders.sequence': ['shift_lead', 'supervisor', 'admin'],
  'users.manage': ['admin'],
  /** Material definitions, BOMs and routings (engineering, or ERP's integration user). */
  'master.define': ['engineer', 'supervisor', 'admin'],
  'drivers.configure': ['engineer', 'admin'],
  /** The line: its place in the plant, its work centers and what they do. */
  'line.configure': ['engineer', 'admin'],
  'alarms.acknowledge': ['operator', 'shift_lead', 'supervisor', 'admin'],
  'alarms.shelve': ['shift_lead', 'supervisor', 'admin'],
  'line.command': ['shift_lead', 'supervisor', 'admin'],
  /** What an operator records at the terminal: lots scanned, measurements, completions. */
  'terminal.record': ['operator', 'shift_lead', 'supervisor', 'admin'],
  /** Sending B2MML: schedules need orders.create as well, definitions master.define (checked once the message is read). */
  /** What becomes of units an engineering change reaches: rework, accept with a deviation, scrap, hold. */
  'units.disposition': ['shift_lead', 'supervisor', 'engineer', 'quality', 'admin'],
  /** Expected receipts from ERP (the purchasing side, or ERP's integration user). */
  'supply.update': ['supervisor', 'admin'],
  'b2mml.import': ['supervisor', 'engineer', 'admin'],
  /** A line's shift calendar: shifts, breaks, planned downtime, non-working days. */
  'production.calendar': ['supervisor', 'engineer', 'admin'],
  /** A shift's output and downtime reported by hand, for a work center without a PLC. */
  'production.report': ['shift_lead', 'supervisor', 'admin'],
  /** A stop's reason: operators at the terminal, shift leads in the HMI. */
  'downtime.reason': ['operator', 'shift_lead', 'supervisor', 'admin'],
  /** SPC baselines: the period control limits are drawn from, the chart and its rules. */
  'spc.configure': ['engineer', 'quality', 'admin'],
  /** At the plant: decide on a line's log the plant refused (why it may go on), so the station ships again. */
  'replication.decide': ['engineer', 'admin'],
  view: ['operator', 'shift_lead', 'supervisor', 'engineer', 'quality', 'auditor', 'admin'],
  /** The whole record, sign-ins and account changes included; audit reports. */
  'audit.view': ['quality', 'auditor', 'admin'],
  /** Which actions need an electronic signature. */
  'signatures.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABEL: Record<Role, string> = {
  operator: 'Operator',
  shift_lead: 'Shift lead',
  supervisor: 'Supervisor',
  engineer: 'Engineer',
  quality: 'Quality engineer',
  auditor: 'Auditor',
  admin: 'Administrator',
};
