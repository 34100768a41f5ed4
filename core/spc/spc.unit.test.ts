import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capability, imrLimits, subgroups, xbarRLimits } from './limits';
import { ruleViolations, type RuleId } from './rules';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);
/** The indexes at which a rule is broken. */
const at = (marks: RuleId[][], rule: RuleId) => marks.flatMap((m, i) => (m.includes(rule) ? [i] : []));

test('individuals and moving range: X̄ ± 2.66 MR̄ (3 / d2), MR chart to 3.267 MR̄', () => {
  const xs = [10, 12, 11, 13, 12, 11, 10, 12];
  const l = imrLimits(xs)!;
  const mrBar = (2 + 1 + 2 + 1 + 1 + 1 + 2) / 7;
  close(l.center, 91 / 8);
  close(l.sigma, mrBar / 1.128);
  close(l.ucl, 91 / 8 + (3 * mrBar) / 1.128);
  close(l.dispersion.ucl, 3.267 * mrBar);
  assert.equal(imrLimits([5]), null, 'one point draws no limits');
});

test('X̄ and R with subgroups of 5: X̿ ± 0.577 R̄, R chart 0 … 2.114 R̄; sigma within R̄ / 2.326', () => {
  const groups = subgroups([1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 9], 5);
  assert.equal(groups.length, 2, 'the incomplete last subgroup is left out');
  const l = xbarRLimits(groups)!;
  close(l.center, 3.5);
  close(l.ucl, 3.5 + 0.577 * 4);
  close(l.dispersion.ucl, 2.114 * 4);
  close(l.sigmaWithin, 4 / 2.326);
  assert.equal(xbarRLimits([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]), null, 'one subgroup, or subgroups of more than 10, draw no limits');
});

test('Western Electric rules on known series, each marked on the point that completes it', () => {
  // center 0, sigma 1
  const r = (xs: number[]) => ruleViolations(xs, 0, 1, 'western-electric');
  assert.deepEqual(at(r([0.5, -0.2, 3.2, 0.1]), 'WE1'), [2]);
  assert.deepEqual(at(r([0.5, -3.5]), 'WE1'), [1], 'below the lower limit too');
  assert.deepEqual(at(r([2.5, 0.1, 2.2, 0]), 'WE2'), [2], '2 of 3 beyond 2 sigma');
  assert.deepEqual(at(r([2.5, 0.1, -2.2, 0]), 'WE2'), [], 'not on the same side');
  assert.deepEqual(at(r([1.5, 1.2, 0.3, 1.1, 1.8]), 'WE3'), [4], '4 of 5 beyond 1 sigma');
  assert.deepEqual(at(r([0.1, 0.2, 0.1, 0.3, 0.2, 0.4, 0.1, 0.5, -0.1]), 'WE4'), [7], '8 in a row above the center, broken by the ninth');
  assert.deepEqual(r([0.3, -0.4, 0.8, -1.2, 0.5, -0.1, 1.4, -0.9, 0.2]).flat(), [], 'a process in control breaks nothing');
});

test('Nelson rules on known series', () => {
  const r = (xs: number[]) => ruleViolations(xs, 0, 1, 'nelson');
  assert.deepEqual(at(r([0.1, 0.2, 0.1, 0.3, 0.2, 0.4, 0.1, 0.5, 0.3]), 'N2'), [8], '9 in a row on one side');
  assert.deepEqual(at(r([-1, -0.5, 0, 0.4, 0.9, 1.3, 0.2]), 'N3'), [5], '6 rising');
  const zigzag = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
  assert.deepEqual(at(r(zigzag), 'N4'), [13], '14 alternating');
  const hugging = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.2));
  assert.deepEqual(at(r(hugging), 'N7'), [14], '15 within 1 sigma (stratification)');
  const mixture = [1.5, -1.6, 1.2, -1.4, 1.8, -1.1, 1.3, -1.5];
  assert.deepEqual(at(r(mixture), 'N8'), [7], '8 beyond 1 sigma on either side (mixture)');
  assert.deepEqual(at(r([2.5, 0.1, 2.2]), 'N5'), [2]);
});

test('Cp and Cpk from the sigma within, Pp and Ppk from the overall sigma, against the routing limits', () => {
  const xs = [9.8, 10.1, 10.0, 10.2, 9.9, 10.0];
  const c = capability(xs, 0.1, 9.4, 10.6)!;
  close(c.mean, 10);
  close(c.cp!, 1.2 / 0.6);
  close(c.cpk!, Math.min(10.6 - 10, 10 - 9.4) / 0.3);
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - 10) ** 2, 0) / 5);
  close(c.pp!, 1.2 / (6 * sd));
  const shifted = capability(xs.map((x) => x + 0.3), 0.1, 9.4, 10.6)!;
  close(shifted.cpk!, (10.6 - 10.3) / 0.3, 1e-9);
  assert.ok(shifted.cpk! < shifted.cp!, 'off center: Cpk below Cp');
});
