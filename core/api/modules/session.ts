import { z } from 'zod';
import { ROLES } from '../../users/roles';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// Health and sessions: who may call, and whether the station is there to answer.

/** Shipping the station's log to the plant: live, catching up (with what is left, the rate, the time to go), offline, or stopped by the plant. */
export const ReplicationState = z.object({
  state: z.enum(['live', 'catching-up', 'offline', 'stopped']),
  shipped: z.number().int(),
  head: z.number().int(),
  left: z.number().int(),
  ratePerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  message: z.string(),
  backlogSince: z.string().nullable(),
});
export type ReplicationState = z.infer<typeof ReplicationState>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  stationId: z.string(),
  version: z.string(),
  time: isoDateTime,
  events: z.number().int().nonnegative(),
  plc: z.object({ connected: z.boolean(), endpoint: z.string().nullable(), message: z.string() }),
  /** Shipping the log to the plant (absent: this station ships to no plant). */
  replication: z.lazy(() => ReplicationState).optional(),
});
export type Health = z.infer<typeof Health>;

export const LoginRequest = z.object({
  username: z.string().min(1, 'Enter your user name.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES) });
export type UserView = z.infer<typeof UserView>;

export const Session = z.object({
  token: z.string(),
  user: UserView,
  /** The latest this session can last (12 h after sign-in), however active. */
  expiresAt: isoDateTime,
  /** The password was temporary: this session may only change it (changePassword), nothing else. */
  mustChangePassword: z.boolean().default(false),
});
export type Session = z.infer<typeof Session>;

/** The signed-in session as the station sees it now (GET /session). */
export const SessionInfo = UserView.extend({
  session: z.string(),
  startedAt: isoDateTime,
  /** The latest it can last. */
  expiresAt: isoDateTime,
  /** When it ends if nothing is done in it before (each command, or activity reported, moves this). */
  idleExpiresAt: isoDateTime,
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const NewPassword = z.string().min(1, 'Enter the new password.').max(256, 'A password is at most 256 characters.');

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1, 'Enter your current password.').max(256), newPassword: NewPassword });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const FirstAdmin = z.object({ username: z.string(), password: z.string() }).nullable();
export type FirstAdmin = z.infer<typeof FirstAdmin>;

export const sessionApi = {
  health: op({ method: 'GET', path: '/health', summary: 'Station health and PLC connection', input: none, output: Health, permission: null }),
  login: op({ method: 'POST', path: '/session', summary: 'Sign in; returns a bearer token', input: LoginRequest, output: Session, permission: null }),
  logout: op({ method: 'POST', path: '/session/end', summary: 'Sign out', input: none, output: z.object({ ended: z.boolean() }), permission: 'view' }),
  me: op({ method: 'GET', path: '/session', summary: 'Who is signed in, until when, and whether the password must change first', input: none, output: SessionInfo, permission: 'view' }),
  changePassword: op({
    method: 'POST',
    path: '/session/password',
    summary: 'Change your own password (the current one, then the new one)',
    input: ChangePasswordRequest,
    output: Session,
    permission: 'view',
  }),
  /** The HMI reports that its user is at work (keys, pointer), so that reading a screen is not mistaken for leaving it. */
  sessionActivity: op({ method: 'POST', path: '/session/activity', summary: 'Keep the session from idling out', input: none, output: SessionInfo, permission: 'view' }),
  /** Answered only to the desktop app on the station's own computer, once; refused over HTTP. */
  firstAdmin: op({
    method: 'GET',
    path: '/session/first-admin',
    summary: "The first administrator's one-time password (desktop app only, shown once)",
    input: none,
    output: FirstAdmin,
    permission: null,
  }),
} as const;

/** What a session that must change its password may still do. */
export const OPEN_WHILE_PASSWORD_MUST_CHANGE: ReadonlySet<string> = new Set<keyof typeof sessionApi>(['me', 'logout', 'changePassword', 'sessionActivity']);
