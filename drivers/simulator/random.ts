/**
 * A small seeded pseudo-random generator (the mulberry32 construction: a Weyl sequence fed through an
 * integer hash), so the simulated line runs the same way for the same seed. Not for anything secret.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Standard normal (mean 0, sd 1). */
  gaussian(): number;
}

const WEYL_STEP = 0x6d2b79f5;

export function createRandom(seed: number): Random {
  let counter = seed >>> 0;
  let spare: number | undefined;

  const next = (): number => {
    counter = (counter + WEYL_STEP) >>> 0;
    let h = counter;
    h = Math.imul(h ^ (h >>> 15), h | 1);
    h ^= h + Math.imul(h ^ (h >>> 7), h | 61);
    h ^= h >>> 14;
    return (h >>> 0) / 0x1_0000_0000;
  };

  // Box–Muller gives two independent normals per pair of draws; the second is kept for the next call.
  const gaussian = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - next(); // (0, 1]: log(0) is not a number
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };

  return { next, gaussian, between: (min, max) => min + (max - min) * next() };
}
