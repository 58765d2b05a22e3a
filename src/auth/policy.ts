/**
 * Who may do what: one table from which every route takes its check, deny by default.
 * A route names its action in `config.action`; the server refuses to start with a route
 * that names none (see platform/http/server.ts).
 */
import type { AdminRole, BusinessRole } from '../org/user-schema.js';

/** `staff`: any signed-in account that is not one of the three administrators. */
export type Principal = 'public' | 'signedIn' | 'staff' | AdminRole | BusinessRole;

export const policy = {
  'session.manage': ['public'],
  'health.read': ['public'],
  'docs.read': ['public'],
  'web.read': ['public'],
  'unit.read': ['signedIn'],
  'unit.write': ['sysadmin'],
  'user.read': ['sysadmin', 'secadmin'],
  'user.write': ['sysadmin'],
  'role.write': ['secadmin'],
  'user.unlock': ['secadmin'],
  'user.resetPassword': ['secadmin'],
  'rules.read': ['signedIn'],
  'rules.write': ['sysadmin'],
  'settings.read': ['signedIn'],
  'settings.write': ['sysadmin'],
  'calendar.read': ['signedIn'],
  'audit.read': ['auditadmin'],
  'keys.read': ['public'],
  'record.create': ['recorder'],
  'record.import': ['recorder', 'filler'],
  'record.read': ['staff'],
  'record.change': ['staff'],
  'report.read': ['filler', 'ruleOfLawLeader', 'principal', 'reviewer'],
  'report.write': ['filler', 'ruleOfLawLeader', 'principal', 'reviewer'],
  'inbox.read': ['reviewer'],
  'notice.read': ['staff'],
  'log.read': ['auditadmin', 'filler', 'ruleOfLawLeader', 'principal', 'reviewer'],
  'region.read': ['reviewer'],
  'compliance.write': ['reviewer'],
  'supervision.read': ['reviewer', 'filler', 'ruleOfLawLeader', 'principal'],
  'supervision.write': ['reviewer', 'filler', 'ruleOfLawLeader', 'principal'],
  'referral.read': ['reviewer'],
  'referral.write': ['reviewer'],
  'referralRules.read': ['sysadmin', 'reviewer'],
  'referralRules.write': ['sysadmin'],
} as const satisfies Record<string, readonly Principal[]>;

export type Action = keyof typeof policy;

export interface Holder {
  adminRole: AdminRole | null;
  roles: Array<{ role: BusinessRole; unit: string }>;
}

/** True when `holder` (null: not signed in) may perform `action`. */
export function allows(action: Action, holder: Holder | null): boolean {
  const principals: readonly Principal[] = policy[action];
  if (principals.includes('public')) return true;
  if (!holder) return false;
  if (principals.includes('signedIn')) return true;
  if (principals.includes('staff') && !holder.adminRole) return true;
  if (holder.adminRole && principals.includes(holder.adminRole)) return true;

  return holder.roles.some((grant) => principals.includes(grant.role));
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && value in policy;
}
