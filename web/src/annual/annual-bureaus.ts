/**
 * Which bureaus a user may open on the annual page, and what they may do there. A bureau's
 * own filler, heads and reviewers work on its year; a reviewer also reads every bureau whose
 * reports_to chain reaches theirs (a city's reviewer reads its counties), as the server does
 * (oversight/region-access.ts).
 */
import type { Unit } from '../org/units';
import type { RoleGrant } from '../org/users';
import type { SignerRole } from '../reports/reports';

const OWN_ROLES = new Set(['filler', 'ruleOfLawLeader', 'principal', 'reviewer']);
const BUREAU_KINDS = new Set(['province', 'city', 'county']);

/** The bureaus to offer: those where the user holds a role first, then those below, by code. */
export function annualBureaus(units: Unit[], roles: RoleGrant[]): string[] {
  const bureaus = units.filter((u) => BUREAU_KINDS.has(u.kind));
  const own = bureaus
    .filter((u) => roles.some((g) => OWN_ROLES.has(g.role) && g.unit === u.code))
    .map((u) => u.code);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const below = bureaus
    .filter((u) => !own.includes(u.code) && reviewsRegionOf(byCode, roles, u.code))
    .map((u) => u.code)
    .sort();

  return [...own, ...below];
}

/** Whether the user reviews `unit` or a bureau up its reports_to chain. */
export function reviewsRegionOf(
  byCode: Map<string, Unit>,
  roles: RoleGrant[],
  unit: string,
): boolean {
  const seen = new Set<string>();
  let code: string | null | undefined = unit;
  while (code && !seen.has(code)) {
    const at: string = code;
    if (roles.some((g) => g.role === 'reviewer' && g.unit === at)) return true;

    seen.add(code);
    code = byCode.get(code)?.reportsTo;
  }

  return false;
}

export interface AnnualPermissions {
  isFiller: boolean;
  /** The heads' roles the user holds at the bureau, each signing on its own. */
  signerRoles: SignerRole[];
  /** Reads the bureau from above (or as its own reviewer) and may write the annual report. */
  isReviewer: boolean;
}

export function annualPermissionsOf(
  byCode: Map<string, Unit>,
  roles: RoleGrant[],
  unit: string,
): AnnualPermissions {
  const holds = (role: string) => roles.some((g) => g.role === role && g.unit === unit);

  return {
    isFiller: holds('filler'),
    signerRoles: (['principal', 'ruleOfLawLeader'] as const).filter(holds),
    isReviewer: reviewsRegionOf(byCode, roles, unit),
  };
}
