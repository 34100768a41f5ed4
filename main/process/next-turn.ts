/** Resolves on the event loop's next turn: long work done in slices lets timers, I/O and other requests go between. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
