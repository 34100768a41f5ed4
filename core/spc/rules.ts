/** The run rules a chart is judged by: Western Electric (the default) or Nelson's eight. */
export const RULE_SETS = ['western-electric', 'nelson'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

export type RuleId = 'WE1' | 'WE2' | 'WE3' | 'WE4' | 'N1' | 'N2' | 'N3' | 'N4' | 'N5' | 'N6' | 'N7' | 'N8';

export const RULE_TEXT: Readonly<Record<RuleId, string>> = {
  WE1: 'a point beyond 3 sigma',
  WE2: '2 of 3 points beyond 2 sigma on one side',
  WE3: '4 of 5 points beyond 1 sigma on one side',
  WE4: '8 points in a row on one side of the center',
  N1: 'a point beyond 3 sigma',
  N2: '9 points in a row on one side of the center',
  N3: '6 points in a row steadily rising or falling',
  N4: '14 points in a row alternating up and down',
  N5: '2 of 3 points beyond 2 sigma on one side',
  N6: '4 of 5 points beyond 1 sigma on one side',
  N7: '15 points in a row within 1 sigma of the center',
  N8: '8 points in a row beyond 1 sigma, on either side',
};

/** k of the last m zone scores (signed, in sigmas) beyond `beyond` on one side, the point itself among them. */
function kOfM(z: readonly number[], i: number, k: number, m: number, beyond: number): boolean {
  if (i < m - 1) return false;
  const last = z.slice(i - m + 1, i + 1);
  for (const side of [1, -1]) {
    if (side * z[i]! <= beyond) continue;
    if (last.filter((x) => side * x > beyond).length >= k) return true;
  }
  return false;
}

/** The last `m` points all on one side of the center (a point on the center breaks the run). */
function run(z: readonly number[], i: number, m: number): boolean {
  if (i < m - 1) return false;
  const last = z.slice(i - m + 1, i + 1);
  return last.every((x) => x > 0) || last.every((x) => x < 0);
}

function trend(xs: readonly number[], i: number, m: number): boolean {
  if (i < m - 1) return false;
  let up = true;
  let down = true;
  for (let j = i - m + 2; j <= i; j++) {
    if (!(xs[j]! > xs[j - 1]!)) up = false;
    if (!(xs[j]! < xs[j - 1]!)) down = false;
  }
  return up || down;
}

function alternating(xs: readonly number[], i: number, m: number): boolean {
  if (i < m - 1) return false;
  for (let j = i - m + 3; j <= i; j++) {
    const a = xs[j - 1]! - xs[j - 2]!;
    const b = xs[j]! - xs[j - 1]!;
    if (!(a * b < 0)) return false;
  }
  return true;
}

/**
 * The rules each point breaks, judged with the points before it (a point is marked when a pattern completes on it).
 * `center` and `sigma` are the chart's (for X̄-R, the sigma of the subgroup means).
 */
export function ruleViolations(xs: readonly number[], center: number, sigma: number, set: RuleSet): RuleId[][] {
  const z = xs.map((x) => (sigma > 0 ? (x - center) / sigma : 0));
  return xs.map((_, i) => {
    const out: RuleId[] = [];
    const beyond3 = Math.abs(z[i]!) > 3;
    if (set === 'western-electric') {
      if (beyond3) out.push('WE1');
      if (kOfM(z, i, 2, 3, 2)) out.push('WE2');
      if (kOfM(z, i, 4, 5, 1)) out.push('WE3');
      if (run(z, i, 8)) out.push('WE4');
      return out;
    }
    if (beyond3) out.push('N1');
    if (run(z, i, 9)) out.push('N2');
    if (trend(xs, i, 6)) out.push('N3');
    if (alternating(xs, i, 14)) out.push('N4');
    if (kOfM(z, i, 2, 3, 2)) out.push('N5');
    if (kOfM(z, i, 4, 5, 1)) out.push('N6');
    if (i >= 14 && z.slice(i - 14, i + 1).every((x) => Math.abs(x) < 1)) out.push('N7');
    if (i >= 7 && z.slice(i - 7, i + 1).every((x) => Math.abs(x) > 1)) out.push('N8');
    return out;
  });
}

/** How many points before a new one the rules look at (Nelson's 15 in a row). */
export const RULE_WINDOW = 15;
