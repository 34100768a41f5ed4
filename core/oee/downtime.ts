import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

/**
 * Where a stop's time goes among the six big losses: breakdowns and setup & adjustments are availability losses,
 * small stops performance; (reduced speed, startup and production rejects come from counts, not from stops).
 */
export const STOP_LOSSES = ['breakdown', 'setup', 'small-stop'] as const;
export type StopLoss = (typeof STOP_LOSSES)[number];

const Code = z.string().regex(/^[A-Z0-9_-]{1,16}$/, 'a reason code is 1 to 16 capital letters, digits, _ or -');

export interface ReasonNode {
  readonly code: string;
  readonly name: string;
  /** A leaf's loss; a branch's children inherit it unless they say their own. */
  readonly loss?: StopLoss | undefined;
  readonly children: readonly ReasonNode[];
}
export const ReasonNode: z.ZodType<ReasonNode> = z.lazy(() =>
  z.object({
    code: Code,
    name: z.string().trim().min(1).max(60),
    loss: z.enum(STOP_LOSSES).optional(),
    children: z.array(ReasonNode).max(40).default([]),
  }),
) as z.ZodType<ReasonNode>;

/** A leaf of the tree as a stop is given it: its code, its path of names, its loss. */
export interface Reason {
  readonly code: string;
  readonly path: readonly string[];
  readonly loss: StopLoss;
}

/** Every leaf of a tree with its path and loss (breakdown where neither it nor a branch above says). */
export function reasonLeaves(tree: readonly ReasonNode[], above: readonly string[] = [], inherited?: StopLoss): Reason[] {
  return tree.flatMap((n) => {
    const loss = n.loss ?? inherited;
    return n.children.length === 0 ? [{ code: n.code, path: [...above, n.name], loss: loss ?? 'breakdown' }] : reasonLeaves(n.children, [...above, n.name], loss);
  });
}

/** The reason tree engineers configure: codes unique, at most three levels. */
export const ReasonTree = z
  .array(ReasonNode)
  .min(1, 'a reason tree has at least one reason')
  .max(40)
  .superRefine((tree, ctx) => {
    const seen = new Set<string>();
    const walk = (nodes: readonly ReasonNode[], depth: number) => {
      for (const n of nodes) {
        if (seen.has(n.code)) ctx.addIssue({ code: 'custom', message: `reason code ${n.code} is in the tree twice` });
        seen.add(n.code);
        if (depth > 3) ctx.addIssue({ code: 'custom', message: `reason ${n.code} is deeper than three levels` });
        walk(n.children, depth + 1);
      }
    };
    walk(tree, 1);
  });
export type ReasonTree = z.infer<typeof ReasonTree>;

/** A line starts with this tree until engineers set their own. */
export const DEFAULT_REASON_TREE: ReasonTree = [
  {
    code: 'MECH', name: 'Mechanical', loss: 'breakdown',
    children: [
      { code: 'JAM', name: 'Jam', children: [] },
      { code: 'TOOL', name: 'Tool broken or worn', children: [] },
      { code: 'MECH-OTHER', name: 'Other mechanical', children: [] },
    ],
  },
  { code: 'ELEC', name: 'Electrical or controls', loss: 'breakdown', children: [{ code: 'SENSOR', name: 'Sensor', children: [] }, { code: 'DRIVE', name: 'Drive or motor', children: [] }, { code: 'PLC', name: 'PLC or network', children: [] }] },
  { code: 'SETUP', name: 'Setup and adjustment', loss: 'setup', children: [{ code: 'CHANGEOVER', name: 'Changeover', children: [] }, { code: 'ADJUST', name: 'Adjustment', children: [] }] },
  {
    code: 'WAIT', name: 'Waiting', loss: 'breakdown',
    children: [{ code: 'NO-MATERIAL', name: 'No material', children: [] }, { code: 'NO-OPERATOR', name: 'No operator', children: [] }, { code: 'QUALITY-HOLD', name: 'Quality hold', children: [] }],
  },
  { code: 'MINOR', name: 'Minor stop', loss: 'small-stop', children: [] },
];

export const GiveReasonInput = z.object({
  workCenter: z.string().min(1).max(32),
  /** The stop's start, as the station lists it. */
  start: z.iso.datetime({ offset: true }),
  reason: Code,
  comment: z.string().trim().max(400).default(''),
});
export type GiveReasonInput = z.infer<typeof GiveReasonInput>;

export type DowntimeEvent = {
  readonly type: 'DowntimeReasonGiven';
  readonly data: {
    readonly workCenter: string;
    readonly start: string;
    readonly reason: string;
    readonly path: readonly string[];
    readonly loss: StopLoss;
    readonly comment: string;
    /** The reason this one replaces (a shift lead correcting an operator), null for the first. */
    readonly replaces: string | null;
  };
};

export interface GiveReason {
  readonly type: 'GiveReason';
  readonly input: GiveReasonInput;
  /** The stop as the station has it: null when there is no stop starting then at that work center. */
  readonly stop: { readonly micro: boolean; readonly open: boolean } | null;
  /** The line's reasons, leaves only. */
  readonly reasons: readonly Reason[];
}

export type DowntimeState = { readonly reason: string | null };

/**
 * A stop's reason (stream stop:<work center>@<start>). Refused: no such stop, a micro-stop (grouped, not asked for),
 * a code not in the tree or a branch of it (a stop gets a leaf: the most exact reason there is).
 */
export const downtimeDecider: Decider<DowntimeState, GiveReason, DowntimeEvent> = {
  initialState: () => ({ reason: null }),
  decide(c, state) {
    const i = c.input;
    if (!c.stop) return refuse(ErrorCode.notFound, `${i.workCenter} has no stop that began at ${i.start}.`);
    if (c.stop.micro) return refuse(ErrorCode.conflict, `The stop at ${i.workCenter} from ${i.start} is a micro-stop: micro-stops are grouped and need no reason.`);
    const reason = c.reasons.find((r) => r.code === i.reason);
    if (!reason) return refuse(ErrorCode.validation, `${i.reason} is not a reason of this line's tree (or it is a group: choose a reason within it).`);
    if (state.reason === reason.code) return accept();
    return accept({
      type: 'DowntimeReasonGiven',
      data: { workCenter: i.workCenter, start: new Date(Date.parse(i.start)).toISOString(), reason: reason.code, path: reason.path, loss: reason.loss, comment: i.comment, replaces: state.reason },
    });
  },
  evolve: (_s, e) => ({ reason: e.data.reason }),
};
