// Control chart constants (ASTM E2587, Montgomery) for subgroups of 2 to 10: A2, D3, D4 and d2.
const CONSTANTS: Readonly<Record<number, { a2: number; d3: number; d4: number; d2: number }>> = {
  2: { a2: 1.88, d3: 0, d4: 3.267, d2: 1.128 },
  3: { a2: 1.023, d3: 0, d4: 2.574, d2: 1.693 },
  4: { a2: 0.729, d3: 0, d4: 2.282, d2: 2.059 },
  5: { a2: 0.577, d3: 0, d4: 2.114, d2: 2.326 },
  6: { a2: 0.483, d3: 0, d4: 2.004, d2: 2.534 },
  7: { a2: 0.419, d3: 0.076, d4: 1.924, d2: 2.704 },
  8: { a2: 0.373, d3: 0.136, d4: 1.864, d2: 2.847 },
  9: { a2: 0.337, d3: 0.184, d4: 1.816, d2: 2.97 },
  10: { a2: 0.308, d3: 0.223, d4: 1.777, d2: 3.078 },
};

export const SUBGROUP_SIZES = [2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** A chart's limits: the center line and control limits of the plotted statistic, and of its dispersion chart. */
export interface ControlLimits {
  readonly chart: 'imr' | 'xbar-r';
  /** Points per subgroup (1 for individuals). */
  readonly n: number;
  readonly center: number;
  readonly ucl: number;
  readonly lcl: number;
  /** The plotted statistic's sigma (UCL − center) / 3: the zones of the rules. */
  readonly sigma: number;
  /** The process's sigma within subgroups (MR̄/d2 or R̄/d2), for capability. */
  readonly sigmaWithin: number;
  /** Moving range (I-MR) or range (X̄-R) chart. */
  readonly dispersion: { readonly center: number; readonly ucl: number; readonly lcl: number };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Moving ranges of consecutive individuals. */
export const movingRanges = (xs: readonly number[]): number[] => xs.slice(1).map((x, i) => Math.abs(x - xs[i]!));

/** Individuals and moving range: limits X̄ ± 2.66 MR̄, MR chart up to 3.267 MR̄. Needs at least two points. */
export function imrLimits(xs: readonly number[]): ControlLimits | null {
  if (xs.length < 2) return null;
  const center = mean(xs);
  const mrBar = mean(movingRanges(xs));
  const d2 = CONSTANTS[2]!.d2;
  const sigma = mrBar / d2;
  return { chart: 'imr', n: 1, center, ucl: center + 3 * sigma, lcl: center - 3 * sigma, sigma, sigmaWithin: sigma, dispersion: { center: mrBar, ucl: CONSTANTS[2]!.d4 * mrBar, lcl: 0 } };
}

/** Consecutive points in subgroups of n (an incomplete last subgroup left out). */
export const subgroups = (xs: readonly number[], n: number): number[][] =>
  Array.from({ length: Math.floor(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** X̄ and R: limits X̿ ± A2 R̄, R chart D3 R̄ … D4 R̄. Needs at least two subgroups of 2 to 10. */
export function xbarRLimits(groups: readonly (readonly number[])[]): ControlLimits | null {
  const n = groups[0]?.length ?? 0;
  const k = CONSTANTS[n];
  if (!k || groups.length < 2 || groups.some((g) => g.length !== n)) return null;
  const center = mean(groups.map(mean));
  const rBar = mean(groups.map((g) => Math.max(...g) - Math.min(...g)));
  const half = k.a2 * rBar;
  return { chart: 'xbar-r', n, center, ucl: center + half, lcl: center - half, sigma: half / 3, sigmaWithin: rBar / k.d2, dispersion: { center: rBar, ucl: k.d4 * rBar, lcl: k.d3 * rBar } };
}

export const subgroupMean = mean;
export const subgroupRange = (g: readonly number[]): number => Math.max(...g) - Math.min(...g);

/** Process capability against the specification: Cp, Cpk from the sigma within, Pp, Ppk from the overall sigma. */
export interface Capability {
  readonly n: number;
  readonly mean: number;
  readonly sigmaWithin: number;
  readonly sigmaOverall: number;
  readonly cp: number | null;
  readonly cpk: number | null;
  readonly pp: number | null;
  readonly ppk: number | null;
}

export function capability(xs: readonly number[], sigmaWithin: number, low: number, high: number): Capability | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  const sigmaOverall = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  const ratio = (s: number, f: (s: number) => number) => (s > 0 ? f(s) : null);
  return {
    n: xs.length, mean: m, sigmaWithin, sigmaOverall,
    cp: ratio(sigmaWithin, (s) => (high - low) / (6 * s)),
    cpk: ratio(sigmaWithin, (s) => Math.min(high - m, m - low) / (3 * s)),
    pp: ratio(sigmaOverall, (s) => (high - low) / (6 * s)),
    ppk: ratio(sigmaOverall, (s) => Math.min(high - m, m - low) / (3 * s)),
  };
}
