import { Session } from '../../core';

// sessionStorage: a reload keeps the operator signed in, closing the window (or tab) signs out.
const KEY = 'mes.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (raw === null) return null;
    const parsed = Session.safeParse(JSON.parse(raw));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= now) {
      clearSession();
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage may be disabled; the session then lasts until reload.
  }
}

export function clearSession(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
