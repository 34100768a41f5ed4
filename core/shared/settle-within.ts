/**
 * Waits for a step (a clean-up, a last word to a peer) to settle, but no longer than `ms`: a peer that stopped
 * answering must not hang whoever waits (a driver stopping, a configuration being applied). Its failure is not the
 * waiter's concern; the timer does not outlive the wait.
 */
export async function settleWithin(work: Promise<unknown>, ms = 2_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work.then(() => undefined, () => undefined), timeout]);
  clearTimeout(timer);
}
