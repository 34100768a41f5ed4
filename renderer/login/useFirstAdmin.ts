import { useEffect, useState } from 'react';
import type { FirstAdmin } from '../../core';
import type { HmiClient } from '../client';

// Asked once per page: the station answers it once (and only to the desktop app), so a remount must not ask again.
let asked: Promise<FirstAdmin> | null = null;

/** The first start's administrator and one-time password, in the desktop app on the station's computer; null elsewhere. */
export function useFirstAdmin(client: HmiClient): FirstAdmin {
  const [admin, setAdmin] = useState<FirstAdmin>(null);
  useEffect(() => {
    if (client.transport !== 'ipc') return;
    asked ??= client.call('firstAdmin', {}).then((r) => (r.ok ? r.value : null));
    let alive = true;
    void asked.then((a) => alive && setAdmin(a));
    return () => {
      alive = false;
    };
  }, [client]);
  return admin;
}

/** Once someone has signed in, the one-time password is not shown again on this page. */
export function forgetFirstAdmin(): void {
  asked = Promise.resolve(null);
}
