/**
 * Sign-in and server-side sessions. Sessions live in the database so that several
 * instances behind a load balancer share them; the cookie holds a random token and the
 * table holds only its SHA-256, so a copy of the table signs nobody in.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { findUserRow } from '../org/users.js';
import { type Context, write } from '../platform/context.js';
import type { UserRow } from '../platform/db/schema.js';
import { AppError, fail } from '../platform/errors.js';
import { readSettings, type Settings } from '../settings/settings.js';
import { inRanges } from './address-ranges.js';
import { AttemptWindow } from './attempt-window.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordExpired } from './password-changes.js';

export interface SessionInfo {
  sessionId: string;
  user: UserRow;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** CSRF token bound to the session (or pre-session) token with the instance secret. */
export function csrfTokenFor(secret: Buffer, token: string): string {
  return createHmac('sha256', secret).update(`csrf:${token}`).digest('base64url');
}

export function csrfMatches(secret: Buffer, token: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(secret, token));
  const given = Buffer.from(presented);

  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A hash of a throw-away password, verified for unknown users so that timing tells nothing. */
let decoyHash: Promise<string> | undefined;

export async function signIn(
  ctx: Context,
  username: string,
  password: string,
  ip: string,
): Promise<{ token: string; user: UserRow }> {
  const settings = await readSettings(ctx);
  const row = await findUserRow(ctx, username);
  const now = ctx.clock.now();

  if (!row) {
    decoyHash ??= hashPassword(newToken(), ctx.config.scryptCost);
    await verifyPassword(password, await decoyHash);
    await logFailure(ctx, username, ip, 'unknown-user');
    // An unknown name locks like a real one, so the lockout does not tell which names exist.
    const window = phantomLocks(ctx, settings);
    const key = username.trim().toLowerCase();
    const wasLocked = window.retryAfter(key, now.getTime()) > 0;
    if (!wasLocked) window.record(key, now.getTime());
    fail(
      wasLocked || window.retryAfter(key, now.getTime()) > 0 ? 'ACCOUNT_LOCKED' : 'AUTH_INVALID',
    );
  }

  if (row.locked_until && row.locked_until > now.toISOString()) {
    await logFailure(ctx, username, ip, 'locked');
    fail('ACCOUNT_LOCKED');
  }

  const valid = await verifyPassword(password, row.password_hash);
  if (!valid) return rejectPassword(ctx, row, ip, settings);

  if (row.active !== 1) {
    await logFailure(ctx, username, ip, 'disabled');
    fail('ACCOUNT_DISABLED');
  }

  if (row.admin_role && !inRanges(ip, settings.adminAddressRanges)) {
    await logFailure(ctx, username, ip, 'address-not-allowed');
    fail('ADMIN_ADDRESS_DENIED');
  }

  const token = newToken();
  const expired = passwordExpired(row, settings, now);
  await write(ctx, async (change) => {
    const at = change.now.toISOString();
    await change.trx
      .updateTable('users')
      .set({
        failed_attempts: 0,
        locked_until: null,
        last_sign_in_at: at,
        ...(expired ? { must_change_password: 1 } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    if (expired)
      await change.event({
        type: 'user.password-expired',
        actor: { username, ip },
        unit: row.unit,
        data: { username, changedAt: row.password_changed_at },
      });
    await change.trx
      .insertInto('sessions')
      .values({
        id: sessionIdOf(token),
        user_id: row.id,
        ip,
        created_at: at,
        last_seen_at: at,
        ended_at: null,
        end_reason: null,
      })
      .execute();
    await change.event({
      type: 'session.signed-in',
      actor: { username, ip },
      unit: row.unit,
      data: {},
    });
  });

  return { token, user: expired ? { ...row, must_change_password: 1 } : row };
}

const unknownNames = new WeakMap<Context, { settings: string; window: AttemptWindow }>();

/** The failed sign-ins of names that have no account, counted as a real account's would be. */
function phantomLocks(ctx: Context, settings: Settings): AttemptWindow {
  const key = `${settings.lockoutThreshold}/${settings.lockoutMinutes}`;
  let entry = unknownNames.get(ctx);
  if (entry?.settings !== key) {
    entry = {
      settings: key,
      window: new AttemptWindow(settings.lockoutThreshold, settings.lockoutMinutes * 60_000),
    };
    unknownNames.set(ctx, entry);
  }

  return entry.window;
}

async function rejectPassword(
  ctx: Context,
  row: UserRow,
  ip: string,
  settings: Settings,
): Promise<never> {
  const attempts = row.failed_attempts + 1;
  const locks = attempts >= settings.lockoutThreshold;

  await write(ctx, async (change) => {
    const lockedUntil = new Date(change.now.getTime() + settings.lockoutMinutes * 60_000);
    await change.trx
      .updateTable('users')
      .set(
        locks
          ? { failed_attempts: 0, locked_until: lockedUntil.toISOString() }
          : { failed_attempts: attempts },
      )
      .where('id', '=', row.id)
      .execute();
    await change.event({
      type: 'session.sign-in-failed',
      actor: { username: row.username, ip },
      unit: row.unit,
      result: 'failure',
      data: { reason: 'wrong-password', attempts },
    });
    if (locks) {
      await change.event({
        type: 'user.locked',
        actor: { username: row.username, ip },
        unit: row.unit,
        data: { until: lockedUntil.toISOString(), attempts },
      });
    }
  });

  throw new AppError(locks ? 'ACCOUNT_LOCKED' : 'AUTH_INVALID');
}

async function logFailure(ctx: Context, username: string, ip: string, reason: string) {
  await write(ctx, (change) =>
    change.event({
      type: 'session.sign-in-failed',
      actor: { username, ip },
      result: 'failure',
      data: { reason },
    }),
  );
}

/**
 * Finds the live session of a cookie token, ending it when it has been idle or open too long.
 * Returns null when there is none; throws SESSION_EXPIRED when it just ran out.
 */
export async function resolveSession(ctx: Context, token: string): Promise<SessionInfo | null> {
  const id = sessionIdOf(token);
  const session = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sid',
      'sessions.created_at as opened',
      'sessions.last_seen_at as seen',
      'sessions.ended_at as ended',
    ])
    .selectAll('users')
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!session || session.ended) return null;

  const settings = await readSettings(ctx);
  const now = ctx.clock.now();
  const idleMinutes = session.admin_role
    ? settings.adminSessionIdleMinutes
    : settings.sessionIdleMinutes;
  const idle = now.getTime() - Date.parse(session.seen) > idleMinutes * 60_000;
  const tooOld =
    now.getTime() - Date.parse(session.opened) > settings.sessionAbsoluteHours * 3_600_000;
  if (idle || tooOld || session.active !== 1) {
    await endSession(ctx, id, idle ? 'idle' : tooOld ? 'absolute' : 'disabled', session.username);
    fail('SESSION_EXPIRED');
  }

  // Touching the row on every request would make every read a write; a minute's
  // resolution is plenty for a timeout measured in tens of minutes.
  if (now.getTime() - Date.parse(session.seen) > 60_000) {
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  const { sid: _sid, opened: _o, seen: _s, ended: _e, ...user } = session;
  return { sessionId: id, user };
}

async function endSession(ctx: Context, id: string, reason: string, username: string) {
  await write(ctx, async (change) => {
    await change.trx
      .updateTable('sessions')
      .set({ ended_at: change.now.toISOString(), end_reason: reason })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    await change.event({ type: 'session.expired', actor: { username }, data: { reason } });
  });
}

export async function signOut(ctx: Context, session: SessionInfo, ip: string): Promise<void> {
  await write(ctx, async (change) => {
    await change.trx
      .updateTable('sessions')
      .set({ ended_at: change.now.toISOString(), end_reason: 'signed-out' })
      .where('id', '=', session.sessionId)
      .execute();
    await change.event({
      type: 'session.signed-out',
      actor: { username: session.user.username, ip },
      data: {},
    });
  });
}
