/**
 * The cadre management authority rules (干部管理权限): to whom a referral goes, by the
 * interferer's level. The bureau above refers a case to the party committee and government
 * that manage the cadre (domain README §7): 乡科级 cadres and below are managed by the county,
 * 县处级 by the city, 厅局级 and above by the province. The discipline inspection body of the
 * same level may be copied. An administrator edits the table; until the first edit the
 * defaults below apply. Addressees are templates whose {县}, {市} and {省} stand for the
 * county, city and province of the unit where the record was made (杞县统计局 → 杞县).
 */
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { type Level, levels } from '../records/record-schema.js';

export interface AuthorityRule {
  level: Level;
  /** 主送机关, a template: `中共{县}委、{县}人民政府`. */
  addressee: string;
  /** 抄送 the discipline inspection body when the reviewer chooses to: `{县}纪委监委`. */
  copyTo: string;
}

export const LEVEL_LABELS: Record<Level, string> = {
  county: '县处级',
  township: '乡科级',
  other: '其他',
  prefecture: '厅局级',
  province: '省部级',
};

const byCounty = { addressee: '中共{县}委、{县}人民政府', copyTo: '{县}纪委监委' };
const byProvince = { addressee: '中共{省}委', copyTo: '{省}纪委监委' };

export const DEFAULT_RULES: readonly AuthorityRule[] = [
  { level: 'county', addressee: '中共{市}委', copyTo: '{市}纪委监委' },
  { level: 'township', ...byCounty },
  { level: 'other', ...byCounty },
  { level: 'prefecture', ...byProvince },
  { level: 'province', ...byProvince },
];

export async function readAuthorityRules(ctx: Pick<Context, 'db'>): Promise<AuthorityRule[]> {
  const rows = await ctx.db.selectFrom('referral_rules').selectAll().execute();
  const stored = new Map(rows.map((r) => [r.level, r]));

  return DEFAULT_RULES.map((rule) => {
    const row = stored.get(rule.level);
    return row ? { level: rule.level, addressee: row.addressee, copyTo: row.copy_to } : rule;
  });
}

/**
 * Saves the whole table (one rule per level) as one event in the system log, with the rules
 * before and after, so every version of the table can be read back from the log.
 */
export async function setAuthorityRules(
  ctx: Context,
  rules: AuthorityRule[],
  actor: Actor,
): Promise<AuthorityRule[]> {
  const after = levels.map((level) => rules.find((r) => r.level === level));
  const missing = levels.filter((_, i) => !after[i]?.addressee.trim());
  if (missing.length > 0)
    fail(
      'REFERRAL_RULES_INVALID',
      missing.map((level) => ({ field: level, message: `请填写${LEVEL_LABELS[level]}的主送机关` })),
    );
  const before = await readAuthorityRules(ctx);
  const next = (after as AuthorityRule[]).map((r) => ({
    level: r.level,
    addressee: r.addressee.trim(),
    copyTo: r.copyTo.trim(),
  }));

  await write(ctx, async (change) => {
    for (const rule of next) {
      const values = {
        addressee: rule.addressee,
        copy_to: rule.copyTo,
        updated_at: change.now.toISOString(),
      };
      await change.trx
        .insertInto('referral_rules')
        .values({ level: rule.level, ...values })
        .onConflict((c) => c.column('level').doUpdateSet(values))
        .execute();
    }
    const data = { before, after: next };
    await change.event({ type: 'referralRules.set', actor, data });
  });

  return readAuthorityRules(ctx);
}

/** The county, city and province a unit lies in, named as the addressees name them. */
export interface Region {
  county: string;
  city: string;
  province: string;
}

/** Walks up from `unit` to name its county, city and province (杞县统计局 → 杞县, 开封市, 河南省). */
export async function regionOf(ctx: Pick<Context, 'db'>, unit: string): Promise<Region> {
  const found: Partial<Record<'county' | 'city' | 'province', string>> = {};
  let code: string | null = unit;
  // A unit tree is shallow; the bound stops a cycle left by hand-edited data.
  for (let depth = 0; code && depth < 10; depth += 1) {
    const row = await ctx.db
      .selectFrom('units')
      .select(['name', 'kind', 'parent'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) break;
    const kind = row.kind as 'county' | 'city' | 'province';
    if (['county', 'city', 'province'].includes(kind)) found[kind] ??= placeName(row.name);
    code = row.parent;
  }
  const province = found.province ?? '省';
  const city = found.city ?? province;

  return { province, city, county: found.county ?? city };
}

/** 「杞县统计局」→「杞县」: the place a bureau is named after. */
export function placeName(bureauName: string): string {
  return bureauName.replace(/(统计局|统计调查队|统计中心)$/, '') || bureauName;
}

export function fillTemplate(template: string, region: Region): string {
  return template
    .replaceAll('{县}', region.county)
    .replaceAll('{市}', region.city)
    .replaceAll('{省}', region.province);
}

/**
 * The addressees and discipline bodies for records of the given levels made in the given
 * units: each record contributes its level's rule filled for its unit's region, in record
 * order without repeats. A template listing several bodies (「、」) stays one addressee line.
 */
export async function addresseesFor(
  ctx: Pick<Context, 'db'>,
  records: ReadonlyArray<{ unit: string; level: string }>,
): Promise<{ addressees: string[]; copyTo: string[] }> {
  const rules = await readAuthorityRules(ctx);
  const addressees: string[] = [];
  const copyTo: string[] = [];
  const regions = new Map<string, Region>();

  for (const record of records) {
    // Records are validated against the level list; a level no rule names goes as 其他.
    const rule =
      rules.find((r) => r.level === record.level) ?? rules.find((r) => r.level === 'other')!;
    let region = regions.get(record.unit);
    if (!region) {
      region = await regionOf(ctx, record.unit);
      regions.set(record.unit, region);
    }
    const to = fillTemplate(rule.addressee, region);
    const copy = fillTemplate(rule.copyTo, region);
    if (!addressees.includes(to)) addressees.push(to);
    if (copy && !copyTo.includes(copy)) copyTo.push(copy);
  }

  return { addressees, copyTo };
}
