/**
 * The quality bar of issue 7, through the API on both engines: for any records of two
 * counties over two quarters, sent and accepted or left awaiting a decision, the regional
 * summary equals the row-wise sum of the units' quarterly summaries (sumUnitSummaries) in
 * forms, situations and records, while its persons lie between the largest unit summary and
 * the sum, since a person recorded in two quarters or by two units counts once there.
 *
 * Each run records into two quarters of its own, so runs never see each other's records;
 * shrinking would need fresh quarters too and is switched off (a failure prints its input).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Summary, sumUnitSummaries } from '../../src/reports/summary.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { QX, type RegionStaff, setUpRegion, TX } from './region-fixture.js';

const UNITS = [QX, TX] as const;
const NAMES = ['王某', '张某', '李某'];
const KINDS = [
  { form: 'letter' },
  { form: 'oral' },
  { form: 'message', channel: 'phone', details: { phone: '13900000000' } },
  { form: 'message', channel: 'wechat', details: { wechat: 'wx_01' } },
  { form: 'message', channel: 'email', details: { email: 'a@example.cn' } },
] as const;

const recordArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  quarter: fc.constantFrom(0, 1),
  name: fc.constantFrom(...NAMES),
  level: fc.constantFrom('county', 'township', 'other'),
  kind: fc.constantFrom(...KINDS),
  situation: fc.integer({ min: 1, max: 7 }),
});
const caseArb = fc.record({
  records: fc.array(recordArb, { maxLength: 6 }),
  // Per unit and quarter (unit-major): accepted, or left awaiting a decision.
  accepted: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** One person in both quarters and both units: the regional persons must be below the sum. */
const shared: Case = {
  records: UNITS.flatMap((unit) =>
    ([0, 1] as const).map((quarter) => ({
      unit,
      quarter,
      name: '王某',
      level: 'county',
      kind: KINDS[0],
      situation: 2,
    })),
  ),
  accepted: [true, true, true, true],
};

describeEachEngine('regional summary = sum of unit summaries (property)', (engine) => {
  let t: TestApp;
  let r: RegionStaff;
  // Quarters 2018Q1… are handed out two per run; the clock stands after all of them.
  let year = 2018;
  let half = 0;
  let sharedSeen = 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    r = await setUpRegion(t, '2023-07-01T02:00:00Z');
  });
  afterAll(() => t.close());

  function nextQuarters(): [string, string] {
    const first = half * 2 + 1;
    const quarters: [string, string] = [`${year}Q${first}`, `${year}Q${first + 1}`];
    half = (half + 1) % 2;
    if (half === 0) year += 1;

    return quarters;
  }

  async function unitSummary(unit: string, period: string): Promise<Summary> {
    const view = await r.reviewer.get(`/api/v1/reports/${unit}/${period}`).expect(200);

    return view.summary;
  }

  async function check(input: Case) {
    const quarters = nextQuarters();
    for (const [i, record] of input.records.entries()) {
      const period = quarters[record.quarter]!;
      const month = String((Number(period.at(-1)) - 1) * 3 + 1).padStart(2, '0');
      await r.record(
        record.unit,
        {
          occurredAt: `${period.slice(0, 4)}-${month}-${String(i + 1).padStart(2, '0')}T10`,
          interferer: { name: record.name, post: '某单位负责人', level: record.level },
          situation: `2017-${record.situation}`,
          ...(record.kind.form === 'message'
            ? { channel: record.kind.channel, details: record.kind.details }
            : {}),
          ...(record.kind.form === 'message'
            ? { content: { words: '把数改一改。', storageMedium: '手机，已截屏' } }
            : {}),
        },
        record.kind.form,
      );
    }

    const accepted: Summary[] = [];
    const all: Summary[] = [];
    for (const [u, unit] of UNITS.entries()) {
      for (const [q, period] of quarters.entries()) {
        await r.submit(unit, period);
        if (input.accepted[u * 2 + q]) await r.accept(unit, period);
        const summary = await unitSummary(unit, period);
        all.push(summary);
        if (input.accepted[u * 2 + q]) accepted.push(summary);
      }
    }

    const range = `from=${quarters[0]}&to=${quarters[1]}`;
    const base = '/api/v1/regions/410200/summary';
    const regional = await r.reviewer.get(`${base}?${range}`).expect(200);
    const received = await r.reviewer.get(`${base}?${range}&include=submitted`).expect(200);
    expectSumOf(regional, accepted);
    expectSumOf(received, all);
    if (received.persons.total < sumUnitSummaries(all).persons.total) sharedSeen += 1;
  }

  it('holds for generated regions', async () => {
    await fc.assert(fc.asyncProperty(caseArb, check), {
      numRuns: 10,
      endOnFailure: true,
      examples: [[shared]],
    });
    expect(sharedSeen, 'a run where persons were shared').toBeGreaterThan(0);
  });
});

function expectSumOf(regional: Summary & { units: number }, units: Summary[]) {
  const sum = units.length > 0 ? sumUnitSummaries(units) : undefined;

  expect(regional.records).toBe(sum?.records ?? 0);
  if (!sum) return;

  expect(regional.forms).toEqual(sum.forms);
  expect(regional.situations).toEqual(sum.situations);
  expect(regional.zero).toBe(sum.zero);
  expect(regional.persons.total).toBeLessThanOrEqual(sum.persons.total);
  expect(regional.persons.total).toBeGreaterThanOrEqual(
    Math.max(...units.map((s) => s.persons.total)),
  );
}
