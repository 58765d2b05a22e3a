/**
 * Accounts: created by the system administrator, given roles by the security administrator.
 * Accounts are disabled, never deleted, so that every event keeps a known actor.
 */
import { randomUUID } from 'node:crypto';
import { generatePassword, hashPassword, passwordDigest } from '../auth/password.js';
import { passwordProblems, passwordRules } from '../auth/password-policy.js';
import type { Actor } from '../ledger/event-log.js';
import { type Change, type Context, write } from '../platform/context.js';
import type { UserRow } from '../platform/db/schema.js';
import { fail } from '../platform/errors.js';
import { readSettings } from '../settings/settings.js';
import {
  type AdminRole,
  adminRoles,
  type RoleGrant,
  type User,
  type UserInput,
  type UserPatch,
} from './user-schema.js';

export function toUser(row: UserRow, now: Date): User {
  return {
    username: row.username,
    name: row.name,
    unit: row.unit,
    phone: row.phone,
    email: row.email,
    adminRole: row.admin_role as AdminRole | null,
    active: row.active === 1,
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
  };
}

export async function listUsers(ctx: Context): Promise<User[]> {
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('username').execute();
  const now = ctx.clock.now();

  return rows.map((row) => toUser(row, now));
}

export async function findUserRow(
  ctx: Pick<Context, 'db'>,
  name: string,
): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('username', '=', name).executeTakeFirst();
}

export async function getUserRow(ctx: Context, name: string): Promise<UserRow> {
  return (await findUserRow(ctx, name)) ?? fail('USER_NOT_FOUND');
}

export interface CreatedUser {
  user: User;
  /** Present only when the system generated the one-time password; shown once. */
  password?: string;
}

export async function createUser(
  ctx: Context,
  input: UserInput,
  actor: Actor,
): Promise<CreatedUser> {
  const settings = await readSettings(ctx);
  const rules = passwordRules(settings, input.username);
  const problems = input.password === undefined ? [] : passwordProblems(input.password, rules);
  if (problems.length > 0)
    fail(
      'PASSWORD_WEAK',
      problems.map((message) => ({ field: 'password', message })),
      `初始密码不符合密码规则：${problems.join('；')}`,
    );

  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password, ctx.config.scryptCost);

  return write(ctx, async (change) => {
    const unit = await change.trx
      .selectFrom('units')
      .select('code')
      .where('code', '=', input.unit)
      .executeTakeFirst();
    if (!unit) fail('UNIT_NOT_FOUND', [{ field: 'unit', message: `单位 ${input.unit} 不存在` }]);

    const account = { ...input, phone: input.phone ?? null, email: input.email ?? null };
    const row = await insertAccount(change, account, hash, null, actor);

    const user = toUser(row, change.now);
    return input.password === undefined ? { user, password } : { user };
  });
}

/** The state of an account as its events record it, and as `liuhen verify` replays it. */
export function accountState(
  row: Pick<UserRow, 'username' | 'name' | 'unit' | 'phone' | 'email' | 'admin_role' | 'active'>,
) {
  return {
    username: row.username,
    name: row.name,
    unit: row.unit,
    phone: row.phone,
    email: row.email,
    adminRole: row.admin_role,
    active: row.active === 1,
  };
}

/** Inserts an account row and logs its creation with the full account state. */
export async function insertAccount(
  change: Change,
  input: {
    username: string;
    name: string;
    unit: string | null;
    phone: string | null;
    email: string | null;
  },
  passwordHash: string,
  adminRole: AdminRole | null,
  actor: Actor | null,
): Promise<UserRow> {
  const taken = await change.trx
    .selectFrom('users')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (taken)
    fail('USER_EXISTS', [{ field: 'username', message: `用户名 ${input.username} 已被使用` }]);

  const now = change.now.toISOString();
  const row: UserRow = {
    id: randomUUID(),
    username: input.username,
    name: input.name,
    unit: input.unit,
    phone: input.phone,
    email: input.email,
    password_hash: passwordHash,
    must_change_password: 1,
    admin_role: adminRole,
    active: 1,
    failed_attempts: 0,
    locked_until: null,
    password_changed_at: now,
    last_sign_in_at: null,
    created_at: now,
    updated_at: now,
  };
  await change.trx.insertInto('users').values(row).execute();
  await change.event({
    type: 'user.created',
    actor,
    unit: row.unit,
    data: { user: accountState(row), passwordDigest: passwordDigest(passwordHash) },
  });

  return row;
}

export function updateUser(
  ctx: Context,
  name: string,
  patch: UserPatch,
  actor: Actor,
): Promise<User> {
  return write(ctx, async (change) => {
    const row = await change.trx
      .selectFrom('users')
      .selectAll()
      .where('username', '=', name)
      .executeTakeFirst();
    if (!row) fail('USER_NOT_FOUND');
    if (row.admin_role) fail('ADMIN_ACCOUNT_PROTECTED');

    if (patch.unit) {
      const unit = await change.trx
        .selectFrom('units')
        .select('code')
        .where('code', '=', patch.unit)
        .executeTakeFirst();
      if (!unit) fail('UNIT_NOT_FOUND', [{ field: 'unit', message: `单位 ${patch.unit} 不存在` }]);
    }

    const next = {
      name: patch.name ?? row.name,
      unit: patch.unit ?? row.unit,
      phone: patch.phone === undefined ? row.phone : patch.phone || null,
      email: patch.email === undefined ? row.email : patch.email || null,
      active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
      updated_at: change.now.toISOString(),
    };
    await change.trx.updateTable('users').set(next).where('id', '=', row.id).execute();
    if (next.active === 0 && row.active === 1) await endSessions(change, row.id, 'disabled');

    const changed = (['name', 'unit', 'phone', 'email', 'active'] as const).filter(
      (k) => next[k] !== row[k],
    );
    await change.event({
      type: 'user.updated',
      actor,
      unit: next.unit,
      data: { username: name, changed, after: accountState({ ...row, ...next }) },
    });

    return toUser({ ...row, ...next }, change.now);
  });
}

/** Ends every open session of an account, as disabling, a role change or a reset requires. */
export async function endSessions(change: Change, userId: string, reason: string, keep?: string) {
  let query = change.trx
    .updateTable('sessions')
    .set({ ended_at: change.now.toISOString(), end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (keep) query = query.where('id', '!=', keep);

  await query.execute();
}

export async function rolesOf(ctx: Pick<Context, 'db'>, userId: string): Promise<RoleGrant[]> {
  const rows = await ctx.db
    .selectFrom('user_roles')
    .select(['role', 'unit'])
    .where('user_id', '=', userId)
    .orderBy('unit')
    .orderBy('role')
    .execute();

  return rows as RoleGrant[];
}

/** Every account's business roles, by username, for the account list. */
export async function allRoles(ctx: Context): Promise<Map<string, RoleGrant[]>> {
  const rows = await ctx.db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.username', 'user_roles.role', 'user_roles.unit'])
    .orderBy('user_roles.unit')
    .orderBy('user_roles.role')
    .execute();
  const byUser = new Map<string, RoleGrant[]>();
  for (const { username, role, unit } of rows) {
    byUser.set(username, [...(byUser.get(username) ?? []), { role, unit } as RoleGrant]);
  }

  return byUser;
}

/** Replaces the business roles of an account; administrators may hold none. */
export function setRoles(
  ctx: Context,
  name: string,
  grants: RoleGrant[],
  actor: Actor,
): Promise<RoleGrant[]> {
  return write(ctx, async (change) => {
    const row = await change.trx
      .selectFrom('users')
      .selectAll()
      .where('username', '=', name)
      .executeTakeFirst();
    if (!row) fail('USER_NOT_FOUND');
    if (row.username === actor.username) fail('ROLE_SELF_GRANT');
    if (row.admin_role) fail('ROLE_NOT_ALLOWED');

    const unique = dedupe(grants);
    const units = [...new Set(unique.map((g) => g.unit))];
    const found = units.length
      ? await change.trx.selectFrom('units').select('code').where('code', 'in', units).execute()
      : [];
    const missing = units.filter((u) => !found.some((f) => f.code === u));
    if (missing.length > 0) {
      fail(
        'UNIT_NOT_FOUND',
        missing.map((u) => ({ field: 'unit', message: `单位 ${u} 不存在` })),
      );
    }

    const before = await rolesOf({ db: change.trx }, row.id);
    await change.trx.deleteFrom('user_roles').where('user_id', '=', row.id).execute();
    if (unique.length > 0) {
      const now = change.now.toISOString();
      const rows = unique.map((g) => ({
        user_id: row.id,
        role: g.role,
        unit: g.unit,
        granted_at: now,
      }));
      await change.trx.insertInto('user_roles').values(rows).execute();
    }

    await endSessions(change, row.id, 'roles-changed');
    await change.event({
      type: 'user.roles-set',
      actor,
      unit: row.unit,
      data: { username: name, before, after: unique },
    });

    return unique;
  });
}

function dedupe(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Map(grants.map((g) => [`${g.role}@${g.unit}`, g]));

  return [...seen.values()].sort(
    (a, b) => a.unit.localeCompare(b.unit) || a.role.localeCompare(b.role),
  );
}

export function isAdminRole(value: string | null): value is AdminRole {
  return adminRoles.includes(value as AdminRole);
}
