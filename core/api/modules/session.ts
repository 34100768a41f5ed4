import { z } from 'zod';
import { ROLES } from '../../users/roles';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// Health and sessions: who may call, and whether the station is there to answer.

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  stationId: z.string(),
  version: z.string(),
  time: isoDateTime,
  events: z.number().int().nonnegative(),
  plc: z.object({ connected: z.boolean(), endpoint: z.string().nullable(), message: z.string() }),
});
export type Health = z.infer<typeof Health>;

export const LoginRequest = z.object({
  username: z.string().min(1, 'Enter your user name.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES) });
export type UserView = z.infer<typeof UserView>;

export const Session = z.object({ token: z.string(), user: UserView, expiresAt: isoDateTime });
export type Session = z.infer<typeof Session>;

export const sessionApi = {
  health: op({ method: 'GET', path: '/health', summary: 'Station health and PLC connection', input: none, output: Health, permission: null }),
  login: op({ method: 'POST', path: '/session', summary: 'Sign in; returns a bearer token', input: LoginRequest, output: Session, permission: null }),
  logout: op({ method: 'POST', path: '/session/end', summary: 'Sign out', input: none, output: z.object({ ended: z.boolean() }), permission: 'view' }),
  me: op({ method: 'GET', path: '/session', summary: 'Who is signed in', input: none, output: UserView, permission: 'view' }),
} as const;
