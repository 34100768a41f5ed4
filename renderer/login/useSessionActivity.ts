import { useEffect } from 'react';
import { useClient } from '../shell/context';

/** At most one report a minute: enough for idle timeouts counted in minutes. */
const EVERY_MS = 60_000;

/**
 * Tells the station its user is at work (keys, pointer, wheel), so that a supervisor reading the board is not
 * signed out as idle. A screen that refreshes itself does not count: only a person does.
 */
export function useSessionActivity(): void {
  const client = useClient();
  useEffect(() => {
    let last = Date.now();
    const onInput = () => {
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      void client.call('sessionActivity', {});
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true, capture: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [client]);
}
