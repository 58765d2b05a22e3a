/**
 * Changing what an account signs in with: the holder changes the password under the policy
 * and the history, an administrator's password expires, the security administrator resets a
 * password or lifts a lockout. Each ends the account's other sessions where it must, and each
 * is an event in the log.
 */
import type { Actor } from '../ledger/event-log.js';
import { endSessions, findUserRow } from '../org/users.js';
import { type Context, write } from '../platform/context.js';
import type { UserRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import { readSettings, type Settings } from '../settings/settings.js';
import { hashPassword, passwordDigest, verifyPassword } from './password.js';
import { passwordProblems, passwordRules } from './password-policy.js';
import type { SessionInfo } from './sessions.js';

export async function changePassword(
  ctx: Context,
  session: SessionInfo,
  current: string,
  next: string,
  ip: string,
): Promise<void> {
  const row = session.user;
  if (!(await verifyPassword(current, row.password_hash))) {
    await write(ctx, (change) =>
      change.event({
        type: 'user.password-change-failed',
        actor: { username: row.username, ip },
        result: 'failure',
        data: {},
      }),
    );
    fail('PASSWORD_WRONG', [{ field: 'current', message: '当前密码不正确' }]);
  }

  const settings = await readSettings(ctx);
  const problems = passwordProblems(next, passwordRules(settings, row.username));
  if (problems.length > 0)
    fail(
      'PASSWORD_WEAK',
      problems.map((message) => ({ field: 'next', message })),
      `新密码不符合密码规则：${problems.join('；')}`,
    );
  if (next === current)
    fail('PASSWORD_REUSED', [{ field: 'next', message: '新密码不能与当前密码相同' }]);
  if (await usedRecently(ctx, row.id, next, settings.passwordHistory - 1))
    fail(
      'PASSWORD_REUSED',
      [
        {
          field: 'next',
          message: `新密码不能与最近 ${settings.passwordHistory} 次使用过的密码相同`,
        },
      ],
      `新密码不能与最近 ${settings.passwordHistory} 次使用过的密码相同，请换一个`,
    );

  const hash = await hashPassword(next, ctx.config.scryptCost);
  await write(ctx, async (change) => {
    const last = await change.trx
      .selectFrom('password_history')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('user_id', '=', row.id)
      .executeTakeFirst();
    await change.trx
      .insertInto('password_history')
      .values({
        user_id: row.id,
        seq: Number(last?.seq ?? 0) + 1,
        password_hash: row.password_hash,
        replaced_at: change.now.toISOString(),
      })
      .execute();
    await change.trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: change.now.toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    await endSessions(change, row.id, 'password-changed', session.sessionId);
    await change.event({
      type: 'user.password-changed',
      actor: { username: row.username, ip },
      data: { username: row.username, passwordDigest: passwordDigest(hash) },
    });
  });
}

/** Whether `password` is one of the account's last `count` earlier passwords. */
async function usedRecently(
  ctx: Context,
  userId: string,
  password: string,
  count: number,
): Promise<boolean> {
  if (count <= 0) return false;
  const earlier = await ctx.db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('seq', 'desc')
    .limit(count)
    .execute();
  for (const { password_hash } of earlier)
    if (await verifyPassword(password, password_hash)) return true;

  return false;
}

/**
 * An administrator whose password is older than the setting must change it before anything
 * else: the flag is set at sign-in, with an event, and the usual forced change follows.
 */
export function passwordExpired(row: UserRow, settings: Settings, now: Date): boolean {
  if (!row.admin_role || row.must_change_password === 1) return false;
  const age = now.getTime() - Date.parse(row.password_changed_at);

  return age > settings.adminPasswordMaxAgeDays * 86_400_000;
}

/** The security administrator lifts a lockout. */
export async function unlockUser(ctx: Context, username: string, actor: Actor): Promise<void> {
  const row = (await findUserRow(ctx, username)) ?? fail('USER_NOT_FOUND');

  await write(ctx, async (change) => {
    await change.trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null })
      .where('id', '=', row.id)
      .execute();
    await change.event({ type: 'user.unlocked', actor, unit: row.unit, data: { username } });
  });
}

/** Sets a new one-time password that must be changed at next sign-in, and ends all sessions. */
export async function resetPassword(
  ctx: Context,
  username: string,
  password: string,
  actor: Actor,
): Promise<void> {
  const row = (await findUserRow(ctx, username)) ?? fail('USER_NOT_FOUND');
  if (row.username === actor.username)
    fail('ROLE_SELF_GRANT', undefined, '不能为自己重置密码，请使用“修改密码”');

  const hash = await hashPassword(password, ctx.config.scryptCost);
  await write(ctx, async (change) => {
    await change.trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: 1,
        failed_attempts: 0,
        locked_until: null,
        password_changed_at: change.now.toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    await endSessions(change, row.id, 'password-reset');
    await change.event({
      type: 'user.password-reset',
      actor,
      unit: row.unit,
      data: { username, passwordDigest: passwordDigest(hash) },
    });
  });
}
