import { z } from 'zod';
import { AuditEntry, AuditFilter, ChainReportView } from '../modules/audit';
import { AsBuiltView, GenealogyGraph, GenealogyQuery, RecallList } from '../modules/genealogy';
import { LoginRequest, Session } from '../modules/session';
import { none, op } from '../operation';
import { isoDateTime, OrderView } from '../schemas';
import { WipItem } from '../modules/line';
import { OeeQuery, OeeRow, oeeApi } from '../modules/oee';
import { LossesView } from '../modules/downtime';
import { CharacteristicView, SpcChartView, spcApi } from '../modules/spc';
import { EngineeringChange } from '../../changes/change';
import { MaterialDefinition, ProductDefinition } from '../../material/model';

// The plant server's API: every line's record, read-only, and what spans lines. Served by `mes plant` over HTTP with
// its own OpenAPI document; the HMI calls it in plant mode.

const stationId = z.string().trim().min(1).max(63);

export const PlantStationView = z.object({
  id: z.string(),
  /** The last event the station shipped. */
  received: z.number().int(),
  /** The last event the plant's replica of the station has projected (the station's own projectors). */
  projected: z.number().int(),
  /** The last event whose units and genealogy are in the plant-wide tables. */
  published: z.number().int(),
  lastReceived: isoDateTime.nullable(),
  /** The plant refused a batch of this station's: its log stops there until an engineer decides. */
  stopped: z.string().nullable(),
});
export type PlantStationView = z.infer<typeof PlantStationView>;

export const PlantOverview = z.object({
  stations: z.array(PlantStationView),
  refused: z.array(z.object({ station: z.string(), firstSeq: z.number().int(), lastSeq: z.number().int(), reason: z.string(), receivedAt: isoDateTime })),
  /** The plant's PostgreSQL answers. */
  database: z.enum(['up', 'down']),
});
export type PlantOverview = z.infer<typeof PlantOverview>;

/** The station's recall list, each unit and order with the line (station) it is on. */
export const PlantRecallList = z.object({
  units: z.array(RecallList.shape.units.element.extend({ station: z.string() })),
  orders: z.array(RecallList.shape.orders.element.extend({ station: z.string() })),
});
export type PlantRecallList = z.infer<typeof PlantRecallList>;

export const PlantBuildRow = z.object({
  station: z.string(),
  serial: z.string(),
  lot: z.string(),
  material: z.string(),
  revision: z.string(),
  operation: z.number().int(),
  /** The line that built the lot, when it is a unit (a sub-assembly); null for a purchased lot. */
  lotBuiltBy: z.string().nullable(),
  depth: z.number().int(),
});
export type PlantBuildRow = z.infer<typeof PlantBuildRow>;

/** Every line's OEE at the plant, from its replicated record by the station's own OEE code: the line and its work centers. */
export const PlantOee = z.object({
  lines: z.array(
    z.object({
      station: z.string(),
      line: z.string().nullable(),
      rows: z.array(OeeRow),
      /** Why this line's OEE could not be computed at the plant (the others still are); null when it was. */
      error: z.string().nullable(),
    }),
  ),
});
export type PlantOee = z.infer<typeof PlantOee>;

/**
 * Losses across the plant: each line's waterfall, six big losses and Paretos as its station computes them, and the
 * plant's Paretos of downtime and scrap by reason, every line's summed (a reason by its code in each line's tree).
 */
export const PlantLosses = z.object({
  lines: z.array(
    z.object({
      station: z.string(),
      line: z.string().nullable(),
      losses: LossesView.nullable(),
      /** Why this line's losses could not be computed at the plant (the others still are); null when they were. */
      error: z.string().nullable(),
    }),
  ),
  downtimePareto: z.array(z.object({ code: z.string().nullable(), label: z.string(), seconds: z.number(), stops: z.number(), lines: z.array(z.string()) })),
  scrapPareto: z.array(z.object({ reason: z.string(), pieces: z.number(), lines: z.array(z.string()) })),
});
export type PlantLosses = z.infer<typeof PlantLosses>;

/** SPC across the plant: every line's characteristics (a measurement at a work center), each in control or not, as its station judges them. */
export const PlantSpc = z.object({
  lines: z.array(
    z.object({
      station: z.string(),
      line: z.string().nullable(),
      characteristics: z.array(CharacteristicView),
      /** Why this line's characteristics could not be read at the plant (the others still are); null when they were. */
      error: z.string().nullable(),
    }),
  ),
});
export type PlantSpc = z.infer<typeof PlantSpc>;

/** A plant session: the station's session without its password-change state (plant accounts are made by plant IT). */
export const PlantSession = Session.pick({ token: true, user: true, expiresAt: true });
export type PlantSession = z.infer<typeof PlantSession>;

/** What the plant releases to every line: a material, a new product, or an engineering change (a new revision). */
export const PlantReleaseRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('material'), definition: MaterialDefinition }),
  z.object({ kind: z.literal('product'), definition: ProductDefinition }),
  z.object({ kind: z.literal('change'), change: EngineeringChange }),
]);
export type PlantReleaseRequest = z.infer<typeof PlantReleaseRequest>;

export const PlantReleaseView = z.object({
  seq: z.number().int(),
  kind: z.enum(['material', 'product', 'change']),
  /** The material (id rev), the product (id rev) or the change's number. */
  subject: z.string(),
  releasedAt: isoDateTime,
  releasedBy: z.string(),
  /** Each line: whether its station took it (applied, or refused and why), and for a change, where its approval stands there. */
  lines: z.array(
    z.object({
      station: z.string(),
      outcome: z.enum(['waiting', 'applied', 'refused']),
      message: z.string().nullable(),
      /** A change at that line: pending (awaiting the line's approval), approved, rejected, deferred; null otherwise. */
      changeStatus: z.enum(['pending', 'approved', 'rejected', 'deferred']).nullable(),
    }),
  ),
});
export type PlantReleaseView = z.infer<typeof PlantReleaseView>;

export const plantContract = {
  plantLogin: op({ method: 'POST', path: '/session', summary: 'Sign in to the plant server (a plant account: mes plant add-user)', input: LoginRequest, output: PlantSession, permission: null, body: { maxBytes: 4096 } }),
  plantLogout: op({ method: 'POST', path: '/session/end', summary: 'Sign out', input: none, output: z.object({ ended: z.boolean() }), permission: 'view' }),
  plantOverview: op({ method: 'GET', path: '/plant', summary: 'Every station: what it shipped, what the plant projected, refused batches', input: none, output: PlantOverview, permission: 'view' }),
  plantRecall: op({
    method: 'GET',
    path: '/plant/recall',
    summary: 'Every unit on any line a suspect lot reached, through sub-assemblies of any line, with their orders',
    input: z.object({ lot: z.string().trim().min(1).max(80), format: z.enum(['json', 'csv']).default('json') }),
    output: z.union([PlantRecallList, z.object({ fileName: z.string(), csv: z.string() })]),
    permission: 'view',
  }),
  plantGenealogyGraph: op({
    method: 'GET',
    path: '/plant/genealogy',
    summary: 'The genealogy graph around a serial, lot, order or material, across every line (each unit with its line)',
    input: GenealogyQuery,
    output: GenealogyGraph,
    permission: 'view',
  }),
  plantBuildOf: op({
    method: 'GET',
    path: '/plant/units/{serial}/build',
    summary: 'Every lot and sub-assembly a unit was built from, on whichever line',
    input: z.object({ serial: z.string().trim().min(1).max(80) }),
    output: z.array(PlantBuildRow),
    permission: 'view',
  }),
  plantLineOrders: op({
    method: 'GET',
    path: '/plant/lines/{station}/orders',
    summary: 'A line\'s production orders, as its station shows them',
    input: z.object({ station: stationId, status: z.enum(['open', 'all']).default('all') }),
    output: z.array(OrderView),
    permission: 'view',
  }),
  plantLineWip: op({
    method: 'GET',
    path: '/plant/lines/{station}/wip',
    summary: 'A line\'s units in work, where each stands, as its station shows them',
    input: z.object({ station: stationId }),
    output: z.array(WipItem),
    permission: 'view',
  }),
  plantLineAsBuilt: op({
    method: 'GET',
    path: '/plant/lines/{station}/units/{serial}',
    summary: 'A unit\'s as-built record, as its line\'s station shows it',
    input: z.object({ station: stationId, serial: z.string().trim().min(1).max(80) }),
    output: AsBuiltView,
    permission: 'view',
  }),
  plantLineAudit: op({
    method: 'GET',
    path: '/plant/lines/{station}/audit',
    summary: 'A line\'s audit trail, newest first, as its station shows it',
    input: AuditFilter.extend({ station: stationId, before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    output: z.object({ entries: z.array(AuditEntry), more: z.boolean() }),
    permission: 'audit.view',
  }),
  plantLineVerify: op({
    method: 'POST',
    path: '/plant/lines/{station}/verify',
    summary: 'Walks a line\'s hash chain as the plant holds it (every event\'s hash recomputed from its content) and names the first event that does not match, and why',
    input: z.object({ station: stationId }),
    output: ChainReportView,
    permission: 'audit.view',
  }),
  plantLineResume: op({
    method: 'POST',
    path: '/plant/lines/{station}/resume',
    summary: 'An engineer decides on a line whose log the plant refused: the decision, who and when recorded on its open refusals, and its log goes on from where the plant stands',
    input: z.object({ station: stationId, decision: z.string().trim().min(10, 'Say why the log may go on (at least 10 characters).').max(2000) }),
    output: z.object({ decided: z.number().int() }),
    permission: 'replication.decide',
    body: { maxBytes: 8192 },
  }),
  plantOee: op({
    method: 'GET',
    path: '/plant/oee',
    summary: 'OEE and the ISO 22400-2 KPIs of every line and its work centers, by shift or day, as each line\'s station computes them',
    input: OeeQuery.omit({ workCenter: true }),
    output: PlantOee,
    permission: 'view',
  }),
  plantLosses: op({
    method: 'GET',
    path: '/plant/losses',
    summary: 'Losses across the plant over the shifts in a range: each line\'s waterfall, six big losses and Paretos as its station computes them, and the plant\'s Paretos of downtime and scrap by reason',
    input: z.object({ from: isoDateTime, to: isoDateTime }),
    output: PlantLosses,
    permission: 'view',
  }),
  plantLineShiftReport: op({
    method: 'GET',
    path: '/plant/lines/{station}/shift-report',
    summary: 'The report a line\'s shift lead hands over (CSV or PDF), as its station makes it: output, OEE, top losses, stops without a reason, alarms',
    input: oeeApi.shiftReport.input.extend({ station: stationId }),
    output: oeeApi.shiftReport.output,
    permission: 'view',
  }),
  plantSpc: op({
    method: 'GET',
    path: '/plant/spc',
    summary: 'SPC across the plant: every line\'s characteristics, their limits and whether each is in control, as each line\'s station judges them',
    input: none,
    output: PlantSpc,
    permission: 'view',
  }),
  plantLineSpcChart: op({
    method: 'GET',
    path: '/plant/lines/{station}/spc/chart',
    summary: 'A line\'s control chart, as its station draws it: points (or subgroups) with the rules each breaks, the limits, Cp/Cpk',
    input: spcApi.spcChart.input.extend({ station: stationId }),
    output: SpcChartView,
    permission: 'view',
  }),
  plantRelease: op({
    method: 'POST',
    path: '/plant/releases',
    summary: 'Release master data or an engineering change once for every line: each station takes it in order (waiting while offline) and runs the change\'s impact and approval for its own work',
    input: PlantReleaseRequest,
    output: PlantReleaseView,
    permission: 'master.define',
    body: { maxBytes: 4 << 20 },
  }),
  plantReleases: op({
    method: 'GET',
    path: '/plant/releases',
    summary: 'What the plant released, newest first, and per line whether it was taken and where a change\'s approval stands',
    input: none,
    output: z.array(PlantReleaseView),
    permission: 'view',
  }),
} as const;

export type PlantContract = typeof plantContract;
export type PlantOperationName = keyof PlantContract;
