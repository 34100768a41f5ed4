/** The q-quantile of samples: the value at rank ⌊q·(n−1)⌋ of the sorted samples (NaN for none). */
export const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? Number.NaN;
