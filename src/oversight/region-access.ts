/**
 * Who may look at a region's oversight: a reviewer reads the subtree of each bureau where they
 * hold the reviewer role, following the reports_to chain (a city's reviewer reads the city and
 * any county reporting to it). Anyone else is told there is no such region, so the answer does
 * not reveal which codes exist.
 */
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from '../records/record-access.js';
import { holdsRole } from '../records/record-access.js';

export interface RegionUnit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  reports_to: string | null;
  active: number;
}

/** Every unit, read once per request: oversight walks the tree in memory, not per level. */
export function allUnits(ctx: Context): Promise<RegionUnit[]> {
  return ctx.db
    .selectFrom('units')
    .select(['code', 'name', 'kind', 'parent', 'reports_to', 'active'])
    .execute();
}

/** Fails with UNIT_NOT_FOUND unless `viewer` reviews `region` or a bureau it reports to. */
export function requireRegionReader(
  viewer: Viewer,
  all: readonly RegionUnit[],
  region: string,
): void {
  const byCode = new Map(all.map((u) => [u.code, u]));
  const seen = new Set<string>();
  let code: string | null = region;
  while (code && byCode.has(code) && !seen.has(code)) {
    if (holdsRole(viewer, 'reviewer', code)) return;

    seen.add(code);
    code = byCode.get(code)!.reports_to;
  }

  notFound();
}

/** Writing follow-ups is the bureau's own business: only its reviewers, exactly there. */
export function requireRegionReviewer(viewer: Viewer, region: string): void {
  if (!holdsRole(viewer, 'reviewer', region)) notFound();
}

function notFound(): never {
  return fail('UNIT_NOT_FOUND', undefined, '没有找到该地区，或您不是该地区的审核人');
}
