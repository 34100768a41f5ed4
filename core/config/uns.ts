import { z } from 'zod';
import { PASSWORD_PLACEHOLDER } from './password';

/** A root a topic can start with: one to four levels of letters, digits, _ and -, no wildcards. */
export const UNS_ROOT = /^[A-Za-z0-9_-]{1,40}(\/[A-Za-z0-9_-]{1,40}){0,3}$/;

/**
 * Where the station publishes its line in the plant's Unified Namespace: an MQTT broker, the enterprise level the
 * topics start with (then site/area/line/work center, ISA-95), and the station's account there.
 */
export const UnsConfig = z.object({
  url: z.string().regex(/^mqtts?:\/\/[^\s/@]+(:\d{1,5})?\/?$/, 'a broker address looks like mqtt://broker.plant.local:1883 or mqtts://… (no user or password in it)'),
  root: z.string().regex(UNS_ROOT, 'the root is one to four topic levels of letters, digits, _ or - (e.g. acme or acme/europe)').default('mes'),
  username: z.string().min(1).max(128).optional(),
  password: z.string().max(256).optional(),
});
export type UnsConfig = z.infer<typeof UnsConfig>;

/**
 * The UNS settings as a form sent them: a blank password (or the placeholder sent back) keeps the stored one, but only
 * for the same broker as the same user; a changed broker never receives the old password.
 */
export function withKeptUnsPassword(stored: UnsConfig | null, form: UnsConfig): UnsConfig {
  if (form.password && form.password !== PASSWORD_PLACEHOLDER) return form;
  const { password: _blank, ...rest } = form;
  const same = stored && stored.url === form.url && (stored.username ?? '') === (form.username ?? '');
  return same && stored.password ? { ...rest, password: stored.password } : rest;
}

/** The UNS settings with the password blanked, for screens and the event log. */
export function redactUns(u: UnsConfig | null): UnsConfig | null {
  return u?.password ? { ...u, password: PASSWORD_PLACEHOLDER } : u;
}
