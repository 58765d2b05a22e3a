/**
 * Rule versions, their situations and the 2017→2023 mapping, as stored and edited. The
 * shipped texts are written once at start-up; the administrator edits effective dates and
 * the mapping, never the texts of a published rule.
 */
import type { Actor } from '../ledger/event-log.js';
import { type Context, write } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { defaultSituationMapping, ruleVersions } from './rule-versions.js';

export interface RuleVersion {
  id: string;
  name: string;
  effectiveFrom: string;
  situations: Array<{ id: string; item: number; label: string; text: string }>;
}

export interface Rules {
  versions: RuleVersion[];
  mapping: Array<{ from: string; to: string }>;
}

/** Writes the shipped rule versions and default mapping where they are missing. */
export async function seedRules(ctx: Context): Promise<void> {
  await write(ctx, async (change) => {
    const { trx } = change;
    const known = await trx.selectFrom('rule_versions').select('id').execute();
    const added: Array<{ id: string; effectiveFrom: string }> = [];

    for (const version of ruleVersions.filter((v) => !known.some((k) => k.id === v.id))) {
      await trx
        .insertInto('rule_versions')
        .values({ id: version.id, name: version.name, effective_from: version.effectiveFrom })
        .execute();
      await trx
        .insertInto('situations')
        .values(version.situations.map((s) => ({ ...s, version: version.id })))
        .execute();
      added.push({ id: version.id, effectiveFrom: version.effectiveFrom });
    }

    const mapped = await trx.selectFrom('situation_mappings').select('from_id').execute();
    const missing = defaultSituationMapping.filter(
      (m) => !mapped.some((r) => r.from_id === m.from),
    );
    if (missing.length > 0) {
      await trx
        .insertInto('situation_mappings')
        .values(missing.map((m) => ({ from_id: m.from, to_id: m.to })))
        .execute();
    }

    if (added.length + missing.length > 0) {
      const data = { versions: added, mapping: missing };
      await change.event({ type: 'rules.seeded', actor: null, data });
    }
  });
}

export async function readRules(ctx: Pick<Context, 'db'>): Promise<Rules> {
  const versions = await ctx.db
    .selectFrom('rule_versions')
    .selectAll()
    .orderBy('effective_from')
    .execute();
  const situations = await ctx.db
    .selectFrom('situations')
    .selectAll()
    .orderBy('version')
    .orderBy('item')
    .execute();
  const mapping = await ctx.db
    .selectFrom('situation_mappings')
    .selectAll()
    .orderBy('from_id')
    .execute();

  return {
    versions: versions.map((v) => ({
      id: v.id,
      name: v.name,
      effectiveFrom: v.effective_from,
      situations: situations
        .filter((s) => s.version === v.id)
        .map((s) => ({ id: s.id, item: s.item, label: s.label, text: s.text })),
    })),
    mapping: mapping.map((m) => ({ from: m.from_id, to: m.to_id })),
  };
}

/** The version in force on a Beijing calendar date: the latest whose effective date has come. */
export function versionInForce(rules: Rules, date: string): RuleVersion | undefined {
  return rules.versions.filter((v) => v.effectiveFrom <= date).at(-1);
}

export async function setEffectiveFrom(
  ctx: Context,
  id: string,
  date: string,
  actor: Actor,
): Promise<Rules> {
  const rules = await readRules(ctx);
  const version = rules.versions.find((v) => v.id === id) ?? fail('RULE_VERSION_NOT_FOUND');
  const order = ruleVersions.map((v) => v.id);
  const dates = order.map((v) =>
    v === id ? date : (rules.versions.find((r) => r.id === v)?.effectiveFrom ?? ''),
  );
  const increasing = dates.every((d, i) => i === 0 || d > dates[i - 1]!);
  if (!increasing) {
    fail('RULE_DATES_INVALID', [
      { field: 'effectiveFrom', message: '新版本的生效日期须晚于旧版本' },
    ]);
  }

  await write(ctx, async (change) => {
    await change.trx
      .updateTable('rule_versions')
      .set({ effective_from: date })
      .where('id', '=', id)
      .execute();
    await change.event({
      type: 'rules.effective-date-set',
      actor,
      data: { version: id, from: version.effectiveFrom, to: date },
    });
  });

  return readRules(ctx);
}

/** Replaces the mapping; every situation of the older version must map to one of the newer. */
export async function setMapping(
  ctx: Context,
  mapping: Array<{ from: string; to: string }>,
  actor: Actor,
): Promise<Rules> {
  const rules = await readRules(ctx);
  const [older, newer] = rules.versions;
  const fromIds = new Set(older?.situations.map((s) => s.id));
  const toIds = new Set(newer?.situations.map((s) => s.id));
  const given = new Map(mapping.map((m) => [m.from, m.to]));
  const problems = [...fromIds]
    .filter((id) => !toIds.has(given.get(id) ?? ''))
    .map((id) => ({ field: id, message: `情形 ${id} 须对应到 ${newer?.id} 版本的一种情形` }));
  const strays = mapping
    .filter((m) => !fromIds.has(m.from))
    .map((m) => ({ field: m.from, message: '不是旧版本的情形' }));
  if (problems.length + strays.length > 0) fail('MAPPING_INVALID', [...problems, ...strays]);

  await write(ctx, async (change) => {
    await change.trx.deleteFrom('situation_mappings').execute();
    const rows = [...fromIds].map((id) => ({ from_id: id, to_id: given.get(id)! }));
    await change.trx.insertInto('situation_mappings').values(rows).execute();
    await change.event({
      type: 'rules.mapping-set',
      actor,
      data: { before: rules.mapping, after: mapping },
    });
  });

  return readRules(ctx);
}
