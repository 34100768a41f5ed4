// Readings typed at the terminal: parsed leniently (a decimal comma is a decimal point), judged live against the
// routing's limits so the operator sees an out-of-limits value before completing. The station judges again.

export interface MeasurementSpec {
  readonly name: string;
  readonly unit: string;
  readonly low: number;
  readonly high: number;
}

export type Judgement = 'empty' | 'invalid' | 'pass' | 'fail';

const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** The number typed, or null when the text is not one. */
export function parseReading(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

export function judgeReading(spec: MeasurementSpec, text: string): Judgement {
  if (text.trim() === '') return 'empty';
  const value = parseReading(text);
  if (value === null) return 'invalid';
  return value >= spec.low && value <= spec.high ? 'pass' : 'fail';
}

/** "10…14 kN", as the station words its limits. */
export const limitsText = (spec: MeasurementSpec): string => `${spec.low}…${spec.high}${spec.unit ? ` ${spec.unit}` : ''}`;

/** The testid suffix of a measurement: its name with spaces as dashes. */
export const measureId = (name: string): string => name.trim().replace(/\s+/g, '-');
