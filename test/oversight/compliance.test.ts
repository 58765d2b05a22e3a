/**
 * The compliance view on both engines, driven through the real reporting flow: two counties
 * report 2020 with an on-time, a late, a returned and resubmitted, an accepted and a missing
 * quarter; the view, its totals and rates equal what a day-by-day walk of the calendar gives
 * (compliance-reference.ts); the drill-down shows every version; the xlsx reads back.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  type Happening,
  referenceCell,
  referenceDue,
  referenceTotals,
} from './compliance-reference.js';

const PERIODS = ['2020Q1', '2020Q2', '2020Q3', '2020Q4'];
const TODAY = '2020-11-02';

describeEachEngine('compliance', (engine) => {
  let t: TestApp;
  let c: County;
  const happened: Happening[] = [];
  const region = '/api/v1/regions/410200';

  async function on(date: string) {
    t.clock.set(`${date}T02:00:00Z`);
    await c.signInAgain();
  }

  async function submit(unit: string, period: string, date: string) {
    await on(date);
    const base = `/api/v1/reports/${unit}/${period}`;
    const filler = unit === '410221' ? c.filler : c.otherCounty;
    await filler.post(`${base}/compile`).expect(200);
    await c.leader
      .post(`${base}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await c.principal
      .post(`${base}/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    await filler.post(`${base}/seal`).expect(200);
    await filler.post(`${base}/submit`).expect(200);
    happened.push({ unit, period, kind: 'submit', on: date });
  }

  async function decide(unit: string, period: string, kind: 'return' | 'accept', date: string) {
    await on(date);
    const base = `/api/v1/reports/${unit}/${period}`;
    if (kind === 'accept') await c.reviewer.post(`${base}/accept`).expect(200);
    else await c.reviewer.post(`${base}/return`, { reason: '汇总表未盖章' }).expect(200);
    happened.push({ unit, period, kind, on: date });
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-04-01T02:00:00Z');
    c = await setUpCounty(t);
    for (const unit of ['410221', '410222'])
      await c.sys
        .upload(`/api/v1/units/${unit}/seal`, { name: '公章.png', content: PNG })
        .expect(201);
    // 杞县's two leaders sign for 通许县 too, so one set of accounts reports both counties.
    for (const [user, role] of [
      ['qx-leader', 'ruleOfLawLeader'],
      ['qx-principal', 'principal'],
    ])
      await c.sec
        .put(`/api/v1/users/${user}/roles`, [
          { role, unit: '410221' },
          { role, unit: '410222' },
        ])
        .expect(200);

    await submit('410221', '2020Q1', '2020-04-03');
    await submit('410222', '2020Q1', '2020-04-06');
    await decide('410221', '2020Q1', 'accept', '2020-04-08');
    await submit('410222', '2020Q2', '2020-07-01');
    await decide('410222', '2020Q2', 'accept', '2020-07-02');
    await submit('410221', '2020Q2', '2020-07-10');
    await decide('410221', '2020Q2', 'return', '2020-07-11');
    await submit('410221', '2020Q2', '2020-07-13');
    await submit('410222', '2020Q3', '2020-10-07');
    await decide('410222', '2020Q3', 'return', '2020-10-09');
    await on(TODAY);
  });
  afterAll(() => t.close());

  it('gives every unit and quarter the status a walk of the calendar gives', async () => {
    const view = await c.reviewer.get(`${region}/compliance?from=2020Q1&to=2020Q4`).expect(200);
    expect(view.today).toBe(TODAY);
    expect(view.periods.map((p: any) => [p.period, p.due])).toEqual(
      PERIODS.map((p) => [p, referenceDue(p)]),
    );
    // The city bureau (reporting to the province) and its nine counties.
    expect(view.units.map((r: any) => r.unit)).toEqual([
      '410200',
      '410202',
      '410203',
      '410204',
      '410205',
      '410212',
      '410221',
      '410222',
      '410223',
      '410225',
    ]);
    expect(view.units[0]).toMatchObject({ own: true, name: '开封市统计局' });

    const expected = [];
    for (const row of view.units) {
      for (const cell of row.cells) {
        const want = referenceCell(row.unit, cell.period, happened, TODAY);
        expect({
          unit: row.unit,
          period: cell.period,
          status: cell.status,
          late: cell.late,
        }).toEqual({ unit: row.unit, period: cell.period, ...want });
        expected.push(want);
      }
      expect(row.totals).toEqual(
        referenceTotals(
          row.cells.map((x: any) => referenceCell(row.unit, x.period, happened, TODAY)),
        ),
      );
    }
    expect(view.totals).toEqual(referenceTotals(expected));
    expect(view.reportingUnits).toBe(10);
    expect(view.unitsExpected).toBe(10);
  });

  it('counts as the notice reads: lateness from the first sending, 30 quarters due', () => {
    // Spelled out once, so a reader sees the numbers the reference produced above.
    const cells = ['410200', '410202', '410203', '410204', '410205', '410212', '410221', '410222']
      .concat(['410223', '410225'])
      .flatMap((unit) => PERIODS.map((p) => referenceCell(unit, p, happened, TODAY)));
    expect(referenceTotals(cells)).toEqual({
      expected: 30,
      submitted: 5,
      onTime: 3,
      late: 2,
      missing: 25,
      pending: 2,
      returned: 1,
      accepted: 2,
      completeness: 5 / 30,
      timeliness: 3 / 30,
    });
  });

  it('shows a late, returned and resent quarter with its days late and both versions', async () => {
    const view = await c.reviewer.get(`${region}/compliance?from=2020Q2&to=2020Q2`).expect(200);
    const qx = view.units.find((r: any) => r.unit === '410221');
    expect(qx.cells[0]).toMatchObject({
      status: 'submitted',
      late: true,
      daysLate: 4,
      version: 2,
      returns: 1,
      due: '2020-07-06',
    });

    const history = await c.reviewer
      .get(`${region}/compliance/units/410221?from=2020Q1&to=2020Q4`)
      .expect(200);
    expect(history.unit).toEqual({ code: '410221', name: '杞县统计局' });
    const q2 = history.quarters.find((q: any) => q.period === '2020Q2');
    expect(q2.versions).toMatchObject([
      {
        version: 1,
        kind: 'regular',
        status: 'returned',
        daysLate: 4,
        returnReason: '汇总表未盖章',
      },
      { version: 2, kind: 'resubmission', status: 'submitted', daysLate: 7 },
    ]);
    expect(q2.versions[1].submittedAt).toBe('2020-07-13T02:00:00.000Z');
    expect(history.quarters.map((q: any) => q.status)).toEqual([
      'accepted',
      'submitted',
      'missing',
      'not-due',
    ]);
    expect(history.quarters[2]).toMatchObject({ late: true, daysLate: 27 });
  });

  it('defaults the history to the unit’s first reported quarter up to this one', async () => {
    const history = await c.reviewer.get(`${region}/compliance/units/410222`).expect(200);
    expect(history).toMatchObject({ from: '2020Q1', to: '2020Q4' });
    expect(history.totals).toMatchObject({ expected: 3, submitted: 3, onTime: 2, late: 1 });
  });

  it('exports the view as a styled xlsx that reads back with the same words', async () => {
    const response = await c.reviewer.get(
      `${region}/compliance/export?from=2020Q1&to=2020Q4&format=xlsx`,
    );
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    const sheet = workbook.getWorksheet('制度执行情况')!;
    const rows: string[][] = [];
    sheet.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    expect(rows[0]![0]).toContain('开封市统计局制度执行情况');
    const qx = rows.find((r) => r[0] === '410221')!;
    expect(qx.slice(1, 6)).toEqual([
      '杞县统计局',
      '已接收',
      '已报待审（迟报 4 天）',
      '缺报（逾期 27 天）',
      '未到期',
    ]);
    const total = rows.find((r) => r[1] === '开封市统计局' && r[0] === '')!;
    expect(total.slice(2, 7)).toEqual(['30', '5', '3', '2', '25']);
    expect(total.slice(10)).toEqual(['16.7%', '10.0%']);
    const fill = sheet.getRow(rows.indexOf(qx) + 1).getCell(5).fill as any;
    expect(fill.fgColor.argb).toBe('FFFFCCCC');
  });

  describe('access', () => {
    it('is for reviewers of the region or of a bureau above it; others get 403 or 404', async () => {
      await c.filler.get(`${region}/compliance?from=2020Q1&to=2020Q4`).expect(403);
      await c.reviewer.get('/api/v1/regions/410000/compliance?from=2020Q1&to=2020Q4').expect(404);
      await c.reviewer.get('/api/v1/regions/999999/compliance?from=2020Q1&to=2020Q4').expect(404);
      const county = await c.reviewer
        .get('/api/v1/regions/410221/compliance?from=2020Q1&to=2020Q4')
        .expect(200);
      expect(county.units.map((r: any) => r.unit)).toEqual(['410221']);
      await c.reviewer.get(`${region}/compliance/units/410000`).expect(404);
      await c.reviewer.get(`${region}/compliance/units/410200-02`).expect(404);
    });

    it('explains a bad range', async () => {
      const backwards = await c.reviewer
        .get(`${region}/compliance?from=2020Q4&to=2020Q1`)
        .expect(400);
      expect(backwards.error.message).toContain('起始季度不能晚于截止季度');
      const wrong = await c.reviewer.get(`${region}/compliance?from=2020-1&to=2020Q1`).expect(400);
      expect(JSON.stringify(wrong.error)).toContain('2020Q2');
    });
  });

  it('leaves the instance verifiable', async () => {
    const report = await verifyInstance(t.instance.ctx);
    expect(report.first).toBeUndefined();
    expect(report.ok).toBe(true);
  });
});
