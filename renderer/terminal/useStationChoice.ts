import { useCallback, useEffect, useState } from 'react';

// A terminal PC belongs to one station: its work center is kept in localStorage and in the URL hash
// (#terminal/WC20), so a bookmark or a kiosk start URL opens straight at that station.
const STORAGE_KEY = 'mes.terminal.workCenter';
const HASH = /^#terminal\/(.+)$/;

function fromHash(): string | null {
  const m = HASH.exec(window.location.hash);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

function remembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function keep(workCenter: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, workCenter);
  } catch {
    // Storage may be off (kiosk profile); the hash still carries the choice.
  }
  const hash = `#terminal/${encodeURIComponent(workCenter)}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

/** The work center this terminal serves, and how to change it. */
export function useStationChoice(): [string | null, (workCenter: string) => void] {
  const [workCenter, setWorkCenter] = useState<string | null>(() => fromHash() ?? remembered());

  // Whatever the choice came from, show it in the hash and remember it.
  useEffect(() => {
    if (workCenter) keep(workCenter);
  }, [workCenter]);

  useEffect(() => {
    const onHash = () => {
      const next = fromHash();
      if (next) setWorkCenter(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const choose = useCallback((next: string) => setWorkCenter(next), []);
  return [workCenter, choose];
}
