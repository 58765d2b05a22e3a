/**
 * `liuhen demo`: the generated instance tells every story the demo promises (eight quarters
 * per county with zero, late, missing, returned and supplementary reports; every form,
 * channel, level and situation; evidence; referrals), passes `liuhen verify`, and is the same
 * for the same seed. Generated in-process, as the command does, without a listening server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemo } from '../../src/demo/demo-plan.js';
import { type DemoResult, generateDemo, openDemoInstance } from '../../src/demo/generate-demo.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Context } from '../../src/platform/context.js';
import { channels, forms } from '../../src/records/record-schema.js';
import { ruleVersions } from '../../src/rules/rule-versions.js';
import { verifyInstance } from '../../src/verification/verify.js';

/** Quarters 2022Q1–2023Q4: both rule versions, the 2023 one from 27 October 2023. */
const NOW = new Date('2024-03-15T04:00:00Z');
const SEED = 7;
const SLOW = 240_000;

interface Generated {
  ctx: Context;
  result: DemoResult;
  close(): Promise<void>;
}

async function generate(seed: number): Promise<Generated> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-demo-test-'));
  const env = { LIUHEN_MASTER_KEY: randomBytes(32).toString('hex'), LIUHEN_DATA_DIR: dataDir };
  const config = { ...loadConfig(env), scryptCost: 1024, webDist: '/nonexistent' };
  const demo = await openDemoInstance(config, new ManualClock(NOW), NOW);
  const result = await generateDemo(demo, seed);

  return {
    ctx: demo.instance.ctx,
    result,
    async close() {
      await demo.app.close();
      await demo.instance.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a record says, without ids or times of writing: the part a seed must fix. */
async function recordContents(ctx: Context): Promise<string[]> {
  const rows = await ctx.db.selectFrom('records').select('data').execute();

  return rows.map((r) => r.data).sort();
}

async function reportStories(ctx: Context) {
  return ctx.db
    .selectFrom('reports')
    .select(['unit', 'period', 'version', 'kind', 'status', 'days_late', 'summary'])
    .orderBy('unit')
    .orderBy('period')
    .orderBy('version')
    .execute();
}

describe('the demo data', () => {
  let demo: Generated;

  beforeAll(async () => {
    demo = await generate(SEED);
  }, SLOW);
  afterAll(() => demo?.close());

  it('has eight quarters for every county, with zero, late, missing, returned and supplementary reports', async () => {
    const reports = await reportStories(demo.ctx);
    const periods = demo.result.plan.periods;
    const counties = new Set(reports.map((r) => r.unit));
    const sent = new Set(reports.map((r) => `${r.unit}/${r.period}`));
    const missing = [...counties].flatMap((u) =>
      periods.filter((p) => !sent.has(`${u}/${p}`)).map((p) => `${u}/${p}`),
    );

    expect(periods).toEqual([
      '2022Q1',
      '2022Q2',
      '2022Q3',
      '2022Q4',
      '2023Q1',
      '2023Q2',
      '2023Q3',
      '2023Q4',
    ]);
    expect(counties.size).toBe(9);
    expect(missing).toHaveLength(1);
    expect(reports.some((r) => JSON.parse(r.summary).zero === true)).toBe(true);
    expect(reports.some((r) => r.kind === 'regular' && (r.days_late ?? 0) > 0)).toBe(true);
    expect(reports.some((r) => r.kind === 'regular' && r.status === 'returned')).toBe(true);
    expect(reports.some((r) => r.kind === 'resubmission' && r.status === 'accepted')).toBe(true);
    expect(reports.some((r) => r.kind === 'supplementary' && r.status === 'accepted')).toBe(true);
    expect(reports.filter((r) => r.status === 'submitted')).toHaveLength(2);
  });

  it('covers every form, channel and level, and every situation of the version in force', async () => {
    const records = (await recordContents(demo.ctx)).map((d) => JSON.parse(d));
    const seen = (pick: (r: any) => unknown) => new Set(records.map(pick));

    expect([...seen((r) => r.form)].sort()).toEqual([...forms].sort());
    expect([...seen((r) => r.channel)].filter(Boolean).sort()).toEqual([...channels].sort());
    expect([...seen((r) => r.interferer.level)].sort()).toEqual(['county', 'other', 'township']);
    const situations = seen((r) => r.situation);
    for (const version of ruleVersions)
      for (const s of version.situations) expect(situations, s.id).toContain(s.id);
    for (const r of records) {
      const inForce = r.occurredAt.slice(0, 10) >= '2023-10-27' ? '2023' : '2017';
      expect(r.situation.split('-')[0], r.occurredAt).toBe(inForce);
    }
  });

  it('keeps evidence, witness confirmations and referrals with and without feedback', async () => {
    const { db } = demo.ctx;
    const evidence = await db.selectFrom('evidence').select(['role', 'media_type']).execute();
    const kinds = new Set(evidence.map((e) => `${e.role} ${e.media_type}`));
    const confirmed = await db
      .selectFrom('record_witnesses')
      .select('confirmed_at')
      .where('confirmed_at', 'is not', null)
      .execute();
    const statuses = await db.selectFrom('records').select('status').distinct().execute();
    const referrals = await db.selectFrom('referrals').select('status').execute();

    expect(kinds).toContain('evidence image/png');
    expect(kinds).toContain('evidence application/pdf');
    expect(kinds).toContain('witness-signatures application/pdf');
    expect(confirmed.length).toBeGreaterThan(0);
    expect(statuses).toEqual([{ status: 'complete' }]);
    expect(referrals.map((r) => r.status).sort()).toEqual(['closed', 'feedback', 'sent']);
  });

  it('has the counties’ yearly regional summaries for 2022, one sent late and one missing', async () => {
    const sent = await demo.ctx.db
      .selectFrom('annual_summaries')
      .select(['unit', 'status', 'days_late'])
      .where('year', '=', 2022)
      .execute();

    expect(sent).toHaveLength(8);
    expect(sent.every((s) => s.status === 'submitted')).toBe(true);
    expect(sent.filter((s) => Number(s.days_late) > 0)).toHaveLength(1);
  });

  it('passes liuhen verify', async () => {
    const report = await verifyInstance(demo.ctx);

    expect(report.first).toBeUndefined();
    expect(report.ok).toBe(true);
  });

  it(
    'is the same for the same seed, and different for another',
    async () => {
      const again = await generate(SEED);
      try {
        expect(await recordContents(again.ctx)).toEqual(await recordContents(demo.ctx));
        expect(await reportStories(again.ctx)).toEqual(await reportStories(demo.ctx));
      } finally {
        await again.close();
      }

      // Another seed, another demo: planning alone shows it, without a third generation.
      const bodies = (seed: number) =>
        planDemo(seed, NOW).quarters.flatMap((q) => q.records.map((r) => JSON.stringify(r.body)));
      expect(bodies(SEED + 1)).not.toEqual(bodies(SEED));
    },
    SLOW,
  );
});
