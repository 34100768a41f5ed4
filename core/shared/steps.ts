/**
 * Long work written once as a generator that yields between its steps: run whole (runSteps), or in parts of about
 * `budgetMs` with the caller's loop given a turn between them (runStepsInParts), for the same answer.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runStepsInParts<T>(steps: Steps<T>, pause: () => Promise<void>, budgetMs = 8): Promise<T> {
  let until = performance.now() + budgetMs;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() >= until) {
      await pause();
      until = performance.now() + budgetMs;
    }
  }
}
