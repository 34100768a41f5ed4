/** A ratio as a percentage with one decimal, or a dash where it is not defined. */
export const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** Seconds as minutes (or hours past 90 minutes). */
export const duration = (s: number | null): string => {
  if (s === null) return '–';
  const min = s / 60;
  return min >= 90 ? `${(min / 60).toFixed(1)} h` : `${Math.round(min)} min`;
};

export const count = (n: number): string => n.toLocaleString('en');
