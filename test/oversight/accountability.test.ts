/**
 * 责任追究 and 监督检查 on both engines. The accountability list holds the missing, late and
 * returned quarters of the region, with the follow-ups its reviewers record as events in the
 * bureau's log; a county bureau's supervision checks go open → rectified → closed, overdue
 * rectifications show, and `liuhen verify` still replays every table (and catches an edit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('accountability and supervision', (engine) => {
  let t: TestApp;
  let c: County;
  const region = '/api/v1/regions/410200';
  const checks = '/api/v1/units/410221/supervision';

  async function on(instant: string) {
    t.clock.set(instant);
    await c.signInAgain();
  }

  async function submit(period: string) {
    const base = `/api/v1/reports/410221/${period}`;
    await c.filler.post(`${base}/compile`).expect(200);
    await c.leader
      .post(`${base}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await c.principal
      .post(`${base}/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    await c.filler.post(`${base}/seal`).expect(200);
    await c.filler.post(`${base}/submit`).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-04-02T02:00:00Z');
    c = await setUpCounty(t);
    await c.sys.upload('/api/v1/units/410221/seal', { name: '公章.png', content: PNG }).expect(201);
    await c.sys
      .post('/api/v1/units', {
        code: '410221-01',
        name: '杞县城关镇统计站',
        kind: 'other',
        parent: '410221',
      })
      .expect(201);
    // 杞县: 2020Q1 on time and returned; 2020Q2 late; 2020Q3 missing.
    await submit('2020Q1');
    await c.reviewer
      .post('/api/v1/reports/410221/2020Q1/return', { reason: '缺少扫描件' })
      .expect(200);
    await on('2020-07-09T02:00:00Z');
    await submit('2020Q2');
    await on('2020-10-20T02:00:00Z');
  });
  afterAll(() => t.close());

  describe('the accountability list', () => {
    it('holds what was missing, late or returned, with the reason of each return', async () => {
      const list = await c.reviewer
        .get(`${region}/accountability?from=2020Q1&to=2020Q3`)
        .expect(200);
      const qx = list.items.filter((i: any) => i.unit === '410221');
      expect(qx.map((i: any) => [i.period, i.reasons])).toEqual([
        ['2020Q1', ['returned']],
        ['2020Q2', ['late']],
        ['2020Q3', ['missing']],
      ]);
      expect(qx[0].returnedVersions).toMatchObject([{ version: 1, reason: '缺少扫描件' }]);
      expect(qx[1]).toMatchObject({ daysLate: 3, status: 'submitted' });
      // The city itself and the eight other counties sent nothing: three quarters each.
      expect(list.counts).toMatchObject({
        items: 2 + 9 * 3 + 1,
        missing: 28,
        late: 1,
        returned: 1,
      });
    });

    it('records follow-ups as events of the bureau’s log and lists them with the item', async () => {
      const notice = await c.reviewer
        .post(`${region}/accountability/actions`, {
          unit: '410221',
          period: '2020Q2',
          kind: 'notice',
          date: '2020-10-12',
          text: '已发函要求说明迟报原因',
        })
        .expect(201);
      expect(notice).toMatchObject({ kind: 'notice', bureau: '410200', recordedBy: 'kf-reviewer' });
      await c.reviewer
        .post(`${region}/accountability/actions`, {
          unit: '410221',
          period: '2020Q2',
          kind: 'talk',
          date: '2020-10-19',
          text: '约谈杞县统计局分管负责人',
        })
        .expect(201);

      const list = await c.reviewer
        .get(`${region}/accountability?from=2020Q2&to=2020Q2`)
        .expect(200);
      const item = list.items.find((i: any) => i.unit === '410221');
      expect(item.actions.map((a: any) => [a.kind, a.date])).toEqual([
        ['notice', '2020-10-12'],
        ['talk', '2020-10-19'],
      ]);
      expect(list.counts.followedUp).toBe(1);
      const history = await c.reviewer
        .get(`${region}/compliance/units/410221?from=2020Q2&to=2020Q2`)
        .expect(200);
      expect(history.quarters[0].actions).toHaveLength(2);

      const logged = await t.instance.ctx.db
        .selectFrom('log_entries')
        .select('entry')
        .where('log_id', '=', '410200')
        .where('type', '=', 'accountability.action-recorded')
        .execute();
      const data = logged.map((r) => JSON.parse(r.entry).data);
      expect(data).toHaveLength(2);
      expect(data[0]).toMatchObject({
        unit: '410221',
        period: '2020Q2',
        kind: 'notice',
        reasons: ['late'],
      });
      // The log holds the text's digest only: follow-ups may name people.
      expect(JSON.stringify(data)).not.toContain('迟报原因');
    });

    it('refuses a quarter with nothing to follow up, a future date, and anyone but the bureau’s reviewers', async () => {
      const action = {
        unit: '410221',
        period: '2020Q4',
        kind: 'result',
        date: '2020-10-20',
        text: '无',
      };
      const early = await c.reviewer.post(`${region}/accountability/actions`, action).expect(409);
      expect(early.error.code).toBe('COMPLIANCE_NOT_FLAGGED');
      const future = await c.reviewer
        .post(`${region}/accountability/actions`, {
          ...action,
          period: '2020Q3',
          date: '2020-10-21',
        })
        .expect(400);
      expect(JSON.stringify(future.error)).toContain('日期不能晚于今天');
      const kind = await c.reviewer
        .post(`${region}/accountability/actions`, { ...action, period: '2020Q3', kind: 'fine' })
        .expect(400);
      expect(JSON.stringify(kind.error)).toContain('约谈');
      await c.filler
        .post(`${region}/accountability/actions`, { ...action, period: '2020Q3' })
        .expect(403);
      await c.reviewer
        .post('/api/v1/regions/410221/accountability/actions', { ...action, period: '2020Q3' })
        .expect(404);
      await c.filler.get(`${region}/accountability?from=2020Q1&to=2020Q3`).expect(403);
    });
  });

  describe('supervision checks', () => {
    let id: string;

    it('records a check with what must be put right by when, open until rectified', async () => {
      const check = await c.filler
        .post(checks, {
          checkedOn: '2020-10-15',
          bodyUnit: '410221-01',
          findings: '台账未按季度整理，两条记录缺少记录人签字',
          requirements: '补齐签字，按季度整理台账',
          rectifyBy: '2020-10-31',
        })
        .expect(201);
      expect(check).toMatchObject({
        body: '杞县城关镇统计站',
        status: 'open',
        overdue: false,
        updates: [],
      });
      id = check.id;

      const plain = await c.principal
        .post(checks, { checkedOn: '2020-10-16', body: '县发改委统计科', findings: '未发现问题' })
        .expect(201);
      expect(plain.status).toBe('closed');
    });

    it('lists by status and shows a rectification past its date as overdue', async () => {
      const open = await c.filler.get(`${checks}?status=open`).expect(200);
      expect(open.checks.map((x: any) => x.id)).toEqual([id]);
      await on('2020-11-02T02:00:00Z');
      const overdue = await c.reviewer.get(`${checks}?overdue=true`).expect(200);
      expect(overdue.checks).toMatchObject([{ id, overdue: true }]);
      const all = await c.leader.get(checks).expect(200);
      expect(all.checks).toHaveLength(2);
    });

    it('moves open → rectified → closed, and a closed check stays closed', async () => {
      await c.filler
        .post(`${checks}/${id}/updates`, {
          status: 'rectified',
          date: '2020-11-01',
          note: '已补签',
        })
        .expect(201);
      const closed = await c.leader
        .post(`${checks}/${id}/updates`, { status: 'closed', date: '2020-11-02', note: '复查合格' })
        .expect(201);
      expect(closed.status).toBe('closed');
      expect(closed.updates.map((u: any) => [u.seq, u.status])).toEqual([
        [1, 'rectified'],
        [2, 'closed'],
      ]);
      const again = await c.filler
        .post(`${checks}/${id}/updates`, { status: 'open', date: '2020-11-02', note: '重新打开' })
        .expect(409);
      expect(again.error.code).toBe('SUPERVISION_STATUS');
      const overdue = await c.filler.get(`${checks}?overdue=true`).expect(200);
      expect(overdue.checks).toEqual([]);
    });

    it('asks for a deadline with requirements and a body below the bureau', async () => {
      const noDate = await c.filler
        .post(checks, {
          checkedOn: '2020-10-15',
          body: '某站',
          findings: '问题',
          requirements: '整改',
        })
        .expect(400);
      expect(JSON.stringify(noDate.error)).toContain('整改期限');
      const outside = await c.filler
        .post(checks, { checkedOn: '2020-10-15', bodyUnit: '410222', findings: '问题' })
        .expect(400);
      expect(outside.error.code).toBe('SUPERVISION_BODY_INVALID');
    });

    it('is kept by the bureau, read by reviewers above, hidden from others', async () => {
      await c.reviewer.get(`${checks}/${id}`).expect(200);
      await c.reviewer
        .post(checks, { checkedOn: '2020-10-15', body: '某站', findings: '问题' })
        .expect(404);
      await c.otherCounty.get(checks).expect(404);
      await c.otherCounty.get(`${checks}/${id}`).expect(404);
      await c.recorder.get(checks).expect(403);
      await c.audit.get(checks).expect(403);
    });
  });

  it('replays the new tables in verify, and catches a follow-up edited behind its back', async () => {
    expect((await verifyInstance(t.instance.ctx)).ok).toBe(true);

    await t.instance.ctx.db
      .updateTable('accountability_actions')
      .set({ text: '从未约谈' })
      .where('kind', '=', 'talk')
      .execute();
    await t.instance.ctx.db.updateTable('supervision_checks').set({ status: 'open' }).execute();
    const report = await verifyInstance(t.instance.ctx);
    expect(report.ok).toBe(false);
    const messages = report.tables.map((p) => p.message).join('\n');
    expect(messages).toMatch(/accountability_actions .*: text is/);
    expect(messages).toMatch(/supervision_checks .*: status is "open", the log says "closed"/);
  });
});
