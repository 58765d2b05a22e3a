/**
 * The yearly regional summary (本地区汇总表) on both engines: compiled from the accepted
 * quarters of the region, signed by both leaders, sealed and sent with its days late; stale
 * once another quarter is accepted; a correction is a new version; the annual checklist and
 * the compliance view track it with the county's and the city's own due dates; every step is
 * an event and `liuhen verify` catches a figure edited behind the application's back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import { QX, type RegionStaff, setUpRegion, TX } from '../analysis/region-fixture.js';
import { buildScenario } from '../analysis/region-scenario.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { PASSWORD } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CITY = '410200';
const annual = (unit: string, year = 2020) => `/api/v1/regions/${unit}/annual/${year}`;

describeEachEngine('the yearly regional summary', (engine) => {
  let t: TestApp;
  let r: RegionStaff;
  const city: Record<'filler' | 'leader' | 'principal', ApiClient> = {} as never;

  async function cityStaff(username: string, role: string): Promise<ApiClient> {
    const { sys, sec } = r.county;
    await sys
      .post('/api/v1/users', {
        username,
        name: `${username}姓名`,
        unit: CITY,
        password: 'First-Pass-01',
      })
      .expect(201);
    await sec.put(`/api/v1/users/${username}/roles`, [{ role, unit: CITY }]).expect(200);
    const client = t.client();
    await client.signIn(username, 'First-Pass-01');
    await client
      .post('/api/v1/session/password', { current: 'First-Pass-01', next: PASSWORD })
      .expect(204);

    return client;
  }

  async function signAndSeal(
    unit: string,
    people: { filler: ApiClient; leader: ApiClient; principal: ApiClient },
  ) {
    await people.leader
      .post(`${annual(unit)}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await people.principal
      .post(`${annual(unit)}/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    return people.filler.post(`${annual(unit)}/seal`).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    // 10 January 2021: 2020 is over, the counties' summaries are due on the 15th.
    r = await setUpRegion(t, '2021-01-10T02:00:00Z');
    await buildScenario(r);
    city.filler = await cityStaff('kf-filler', 'filler');
    city.leader = await cityStaff('kf-leader', 'ruleOfLawLeader');
    city.principal = await cityStaff('kf-principal', 'principal');
    await r.county.sys
      .upload(`/api/v1/units/${CITY}/seal`, { name: '公章.png', content: PNG })
      .expect(201);
  });
  afterAll(() => t.close());

  it('cannot be compiled before the year is over', async () => {
    t.clock.set('2020-12-31T10:00:00Z');
    const early = await r.county.filler.post(`${annual(QX)}/compile`).expect(409);
    expect(early.error.code).toBe('ANNUAL_TOO_EARLY');
    t.clock.set('2021-01-10T02:00:00Z');
    const none = await r.county.filler.get(annual(QX)).expect(200);
    expect(none.current).toBeNull();
    expect(none.due).toBe('2021-01-15');
    expect(none.yearOver).toBe(true);
  });

  it('is compiled by the county from its accepted quarters, as the regional summary counts', async () => {
    const view = await r.county.filler.post(`${annual(QX)}/compile`).expect(200);
    expect(view.current).toMatchObject({ version: 1, status: 'draft', reports: 2, stale: false });
    expect(view.current.summary.records).toBe(2);
    expect(view.current.summary.units).toBe(1);

    const regional = await r.reviewer
      .get(`/api/v1/regions/${QX}/summary?from=2020Q1&to=2020Q4`)
      .expect(200);
    for (const block of ['persons', 'forms', 'situations', 'records', 'zero'] as const)
      expect(view.current.summary[block]).toEqual(regional[block]);
  });

  it('is signed by both leaders with their passwords, sealed and sent on time', async () => {
    const wrong = await r.county.leader
      .post(`${annual(QX)}/signatures`, { role: 'ruleOfLawLeader', password: 'not-it' })
      .expect(400);
    expect(wrong.error.code).toBe('PASSWORD_WRONG');
    const early = await r.county.filler.post(`${annual(QX)}/seal`).expect(409);
    expect(early.error.code).toBe('ANNUAL_STATE');
    expect(early.error.message).toContain('签字');

    const sealed = await signAndSeal(QX, r.county);
    expect(sealed.current.status).toBe('sealed');
    expect(sealed.current.signatures.map((s: { role: string }) => s.role).sort()).toEqual([
      'principal',
      'ruleOfLawLeader',
    ]);

    const sent = await r.county.filler.post(`${annual(QX)}/submit`).expect(200);
    expect(sent.current).toMatchObject({ status: 'submitted', daysLate: 0, sealed: true });
    expect(sent.current.checkpointSize).toBeGreaterThan(0);
    await r.county.filler.post(`${annual(QX)}/submit`).expect(409);

    const types = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('type')
      .where('log_id', '=', QX)
      .where('type', 'like', 'annual.%')
      .orderBy('idx')
      .execute();
    expect(types.map((e) => e.type)).toEqual([
      'annual.compiled',
      'annual.signed',
      'annual.signed',
      'annual.sealed',
      'annual.submitted',
    ]);
  });

  it('exports the version sent in the layout of 附件2 with its signatures, seal and checkpoint', async () => {
    const document = await r.reviewer.get(`${annual(QX)}/export?format=json&version=1`).expect(200);
    expect(document.filler.name).toBe('杞县统计局');
    expect(document.period.text).toBe('2020年度');
    expect(document.signatures.map((s: { name: string | null }) => s.name)).toEqual([
      'qx-principal',
      'qx-leader',
      'qx-filler',
    ]);
    expect(document.seal).not.toBeNull();
    expect(document.checkpoint).toContain(QX);

    const pdf = await r.reviewer.get(`${annual(QX)}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    await r.reviewer.get(`${annual(QX)}/export?format=pdf&version=9`).expect(404);
  });

  it('goes stale when another quarter is accepted, until compiled again', async () => {
    const first = await city.filler.post(`${annual(CITY)}/compile`).expect(200);
    expect(first.due).toBe('2021-01-31');
    expect(first.current.reports).toBe(3);

    await r.accept(TX, '2020Q1');
    const stale = await city.leader
      .post(`${annual(CITY)}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(409);
    expect(stale.error.code).toBe('ANNUAL_STALE');
    expect((await city.filler.get(annual(CITY)).expect(200)).current.stale).toBe(true);

    const again = await city.filler.post(`${annual(CITY)}/compile`).expect(200);
    expect(again.current).toMatchObject({ version: 1, reports: 4, stale: false });
    expect(again.current.summary.records).toBe(first.current.summary.records + 2);
    expect(again.current.summary.units).toBe(2);
  });

  it('lists what keeps the year open: quarters, the counties’ summaries, referrals', async () => {
    const view = await r.reviewer.get(annual(CITY)).expect(200);
    const open = Object.fromEntries(
      view.checklist.quarters.map((u: { unit: string; open: unknown }) => [u.unit, u.open]),
    );
    expect(open[QX]).toEqual([
      { period: '2020Q2', status: 'returned' },
      { period: '2020Q4', status: 'missing' },
    ]);
    expect(open[TX]).toEqual([
      { period: '2020Q2', status: 'missing' },
      { period: '2020Q4', status: 'missing' },
    ]);
    // Every county and district of the preset but 杞县, which has sent its summary.
    const summaries = new Map(
      view.checklist.summaries.map((s: { unit: string; status: string }) => [s.unit, s.status]),
    );
    expect(summaries.get(TX)).toBe('not-due');
    expect(summaries.has(QX)).toBe(false);
    expect(summaries.has(CITY)).toBe(false);
    expect(summaries.size).toBeGreaterThan(5);
    expect(view.checklist.referrals).toEqual([]);
    expect(view.checklist.complete).toBe(false);
  });

  it('shows in the compliance view with each bureau’s due date, late once it passes', async () => {
    t.clock.set('2021-01-20T02:00:00Z');
    await r.county.signInAgain();
    for (const [key, username] of [
      ['filler', 'kf-filler'],
      ['leader', 'kf-leader'],
      ['principal', 'kf-principal'],
    ] as const)
      await city[key].signIn(username, PASSWORD);
    const compliance = await r.reviewer
      .get(`/api/v1/regions/${CITY}/compliance?from=2020Q1&to=2020Q4`)
      .expect(200);
    const cells = Object.fromEntries(compliance.annual.map((c: { unit: string }) => [c.unit, c]));
    expect(cells[CITY]).toMatchObject({
      year: 2020,
      due: '2021-01-31',
      status: 'not-due',
      progress: 'draft',
    });
    expect(cells[QX]).toMatchObject({
      due: '2021-01-15',
      status: 'submitted',
      late: false,
      version: 1,
    });
    expect(cells[TX]).toMatchObject({ status: 'missing', late: true, daysLate: 5, progress: null });

    const partial = await r.reviewer
      .get(`/api/v1/regions/${CITY}/compliance?from=2020Q2&to=2020Q4`)
      .expect(200);
    expect(partial.annual).toEqual([]);
  });

  it('is sent by the city before 31 January, and a correction is a new version', async () => {
    await signAndSeal(CITY, city);
    const sent = await city.filler.post(`${annual(CITY)}/submit`).expect(200);
    expect(sent.current).toMatchObject({ status: 'submitted', daysLate: 0 });

    const corrected = await r.county.filler.post(`${annual(QX)}/compile`).expect(200);
    expect(corrected.current).toMatchObject({ version: 2, status: 'draft' });
    expect(
      corrected.versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'draft'],
      [1, 'submitted'],
    ]);
  });

  describe('access', () => {
    it('is read by the bureau’s staff and the reviewers above; others are told nothing', async () => {
      await r.county.filler.get(annual(QX)).expect(200);
      await r.county.principal.get(annual(QX)).expect(200);
      await r.reviewer.get(annual(QX)).expect(200);
      await r.county.bystander.get(annual(QX)).expect(403);
      await r.county.otherCounty.get(annual(QX)).expect(404);
      await r.county.filler.get(annual(CITY)).expect(404);
      await r.county.sys.get(annual(QX)).expect(403);
    });

    it('takes each step from its own role only', async () => {
      const reviewer = await r.reviewer.post(`${annual(QX)}/compile`).expect(403);
      expect(reviewer.error.code).toBe('REPORT_ROLE_REQUIRED');
      await r.county.filler
        .post(`${annual(QX)}/signatures`, { role: 'principal', password: PASSWORD })
        .expect(403);
      await r.county.otherCounty.post(`${annual(QX)}/compile`).expect(403);
    });

    it('explains a bad year, a bad body and a unit that is not a bureau', async () => {
      const year = await r.county.filler.get('/api/v1/regions/410221/annual/20x0').expect(400);
      expect(year.error.message).toContain('年份');
      const body = await r.county.leader
        .post(`${annual(QX)}/signatures`, { role: 'filler', password: PASSWORD })
        .expect(400);
      expect(body.error.message).toContain('签字角色');
      const office = await r.reviewer.get(annual('410200-02')).expect(409);
      expect(office.error.code).toBe('ANNUAL_NOT_BUREAU');
    });
  });

  it('passes verify, and names a figure edited behind the application’s back', async () => {
    const clean = await verifyInstance(t.instance.ctx);
    expect(clean.first).toBeUndefined();
    expect(clean.ok).toBe(true);

    const row = await t.instance.ctx.db
      .selectFrom('annual_summaries')
      .select(['id', 'summary'])
      .where('unit', '=', QX)
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
    const summary = JSON.parse(row.summary);
    summary.records -= 1;
    await t.instance.ctx.db
      .updateTable('annual_summaries')
      .set({ summary: JSON.stringify(summary) })
      .where('id', '=', row.id)
      .execute();
    const tampered = await verifyInstance(t.instance.ctx);
    expect(tampered.ok).toBe(false);
    expect(tampered.first?.message).toContain(`annual_summaries ${row.id}: digest`);
  });
});
