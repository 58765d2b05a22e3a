/**
 * The three administrator accounts of 三员分立: sysadmin (units, accounts, settings), secadmin
 * (roles, unlocking, password resets) and auditadmin (reads the audit trail). Created once,
 * each with a one-time password that is printed once and must be changed at first sign-in.
 */
import { type AdminRole, adminRoleNames, adminRoles } from '../org/user-schema.js';
import { insertAccount } from '../org/users.js';
import { type Context, write } from '../platform/context.js';
import { generatePassword, hashPassword } from './password.js';

export interface CreatedAdministrator {
  username: AdminRole;
  password: string;
}

/** Creates whichever of the three accounts is missing; returns only those it created. */
export async function ensureAdministrators(
  ctx: Context,
  password?: string,
): Promise<CreatedAdministrator[]> {
  const existing = await ctx.db
    .selectFrom('users')
    .select('username')
    .where('admin_role', 'is not', null)
    .execute();
  const missing = adminRoles.filter((role) => !existing.some((row) => row.username === role));
  const created: CreatedAdministrator[] = [];

  for (const role of missing) {
    const oneTime = password ?? generatePassword();
    const hash = await hashPassword(oneTime, ctx.config.scryptCost);
    await write(ctx, async (change) => {
      const account = {
        username: role,
        name: adminRoleNames[role],
        unit: null,
        phone: null,
        email: null,
      };
      await insertAccount(change, account, hash, role, null);
    });
    created.push({ username: role, password: oneTime });
  }

  return created;
}
