/**
 * The quarterly reporting flow on both engines: a zero report, a normal quarter from records
 * to acceptance, return and resubmission, a supplementary submission, signatures voided by a
 * later amendment, and a tampered log caught by the bureau above.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import { describeEachEngine } from '../support/engines.js';
import { PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('quarterly reporting', (engine) => {
  let t: TestApp;
  let c: County;
  const base = '/api/v1/reports/410221';

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-06-20T02:00:00Z');
    c = await setUpCounty(t);
    await c.sys
      .upload('/api/v1/units/410221/seal', { name: '杞县统计局公章.png', content: PNG })
      .expect(201);
  });
  afterAll(() => t.close());

  async function signSealSubmit(period: string) {
    await c.leader
      .post(`${base}/${period}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
      .expect(200);
    await c.principal
      .post(`${base}/${period}/signatures`, { role: 'principal', password: PASSWORD })
      .expect(200);
    await c.filler.post(`${base}/${period}/seal`).expect(200);
    return c.filler.post(`${base}/${period}/submit`).expect(200);
  }

  async function completeRecord(overrides: Record<string, unknown> = {}) {
    const record = await c.recorder
      .post(
        '/api/v1/records',
        buildRecord('letter', { noEvidenceReason: '原件已交回', ...overrides }),
      )
      .expect(201);
    await c.recorder.post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD }).expect(200);
    return record.id as string;
  }

  describe('a zero report', () => {
    it('is all zeros, still signed, sealed and submitted on time', async () => {
      t.clock.set('2020-04-03T02:00:00Z');
      await c.signInAgain();
      const preview = await c.filler.get(`${base}/2020Q1`).expect(200);
      expect(preview).toMatchObject({
        status: 'draft',
        compiled: false,
        due: '2020-04-06',
        ledger: [],
      });
      expect(preview.summary).toMatchObject({
        records: 0,
        zero: true,
        persons: { total: 0 },
        forms: { total: 0 },
      });

      await c.filler.post(`${base}/2020Q1/compile`).expect(200);
      const sent = await signSealSubmit('2020Q1');
      expect(sent).toMatchObject({ status: 'submitted', version: 1, late: false, daysLate: 0 });
      expect(sent.signatures.map((s: any) => s.role)).toEqual(['ruleOfLawLeader', 'principal']);
      expect(sent.checkpoint).toMatch(/\n— liuhen\./);
    });
  });

  describe('a normal quarter', () => {
    let first: string;

    it('compiles the signed records in time order, warns of drafts, and computes the summary', async () => {
      t.clock.set('2020-06-20T02:00:00Z');
      await c.signInAgain();
      first = await completeRecord({ occurredAt: '2020-05-20' });
      await completeRecord({
        occurredAt: '2020-04-02',
        interferer: { name: '赵镇长', post: '某镇镇长', level: 'township' },
      });
      await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);

      const report = await c.filler.post(`${base}/2020Q2/compile`).expect(200);
      expect(report.ledger).toHaveLength(2);
      expect(report.ledger[1]).toBe(first);
      expect(report.warnings.drafts).toHaveLength(1);
      expect(report.summary).toMatchObject({
        records: 2,
        persons: { county: 1, township: 1, total: 2 },
        forms: { other: 2, total: 2 },
        zero: false,
      });
      expect(report.summary.situations['2017-2']).toBe(2);
      // The printed summary carries a checkpoint of the unit log as it stood when compiled.
      expect(report.checkpoint).toMatch(/^liuhen\.[0-9a-f]+\/410221\n\d+\n/);
    });

    it('lets only the right people sign, seal and submit', async () => {
      await c.filler
        .post(`${base}/2020Q2/signatures`, { role: 'principal', password: PASSWORD })
        .expect(403);
      await c.leader
        .post(`${base}/2020Q2/signatures`, { role: 'principal', password: PASSWORD })
        .expect(403);
      await c.leader
        .post(`${base}/2020Q2/signatures`, { role: 'ruleOfLawLeader', password: 'wrong' })
        .expect(400);
      const early = await c.filler.post(`${base}/2020Q2/seal`).expect(409);
      expect(early.error.code).toBe('REPORT_SIGNATURES_MISSING');
      await c.otherCounty.get(`${base}/2020Q2`).expect(404);
    });

    it('voids the signatures when a record of the quarter changes after signing, and says so', async () => {
      await c.leader
        .post(`${base}/2020Q2/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
        .expect(200);
      await c.recorder
        .post(`/api/v1/records/${first}/amendments`, {
          changes: { office: '法规科' },
          reason: '科室更正',
        })
        .expect(201);

      const report = await c.filler.get(`${base}/2020Q2`).expect(200);
      expect(report.signatures[0].voided.reason).toContain('签字已失效');
      const stale = await c.principal
        .post(`${base}/2020Q2/signatures`, { role: 'principal', password: PASSWORD })
        .expect(409);
      expect(stale.error.code).toBe('REPORT_STALE');
    });

    it('is submitted late when sent after the due date, and the bureau above accepts it', async () => {
      await c.filler.post(`${base}/2020Q2/compile`).expect(200);
      t.clock.set('2020-07-06T16:30:00Z');
      await c.signInAgain();
      const sent = await signSealSubmit('2020Q2');
      expect(sent).toMatchObject({ status: 'submitted', late: true, daysLate: 1 });

      const view = await c.reviewer.get(`${base}/2020Q2`).expect(200);
      expect(view.integrity).toMatchObject({ ok: true, problems: [] });
      await c.reviewer.get(`/api/v1/records/${first}`).expect(200);
      const amend = await c.recorder
        .post(`/api/v1/records/${first}/amendments`, { changes: { office: '综合科' }, reason: 'x' })
        .expect(409);
      expect(amend.error.code).toBe('QUARTER_SUBMITTED');

      const accepted = await c.reviewer.post(`${base}/2020Q2/accept`).expect(200);
      expect(accepted.status).toBe('accepted');
      await c.filler.post(`${base}/2020Q2/accept`).expect(403);
    });

    it('takes a record found later as a supplementary version, never by editing what was sent', async () => {
      const none = await c.filler.post(`${base}/2020Q2/compile`).expect(409);
      expect(none.error.code).toBe('NOTHING_TO_SUPPLEMENT');
      await completeRecord({ occurredAt: '2020-06-01' });

      const supplement = await c.filler.post(`${base}/2020Q2/compile`).expect(200);
      expect(supplement).toMatchObject({ version: 2, kind: 'supplementary', status: 'draft' });
      expect(supplement.ledger).toHaveLength(3);
      expect(supplement.versions[0]).toMatchObject({ version: 1, status: 'accepted' });
      expect(supplement.versions[0].ledger).toHaveLength(2);
    });
  });

  describe('return and resubmission', () => {
    it('returns with a reason; the corrected report is version 2 and both stay readable', async () => {
      t.clock.set('2020-09-20T02:00:00Z');
      await c.signInAgain();
      const id = await completeRecord({ occurredAt: '2020-08-01' });
      await c.filler.post(`${base}/2020Q3/compile`).expect(200);
      await signSealSubmit('2020Q3');

      await c.reviewer.post(`${base}/2020Q3/return`, { reason: '' }).expect(400);
      const returned = await c.reviewer
        .post(`${base}/2020Q3/return`, { reason: '干预人职务填写不完整' })
        .expect(200);
      expect(returned).toMatchObject({ status: 'returned', returnReason: '干预人职务填写不完整' });

      await c.recorder
        .post(`/api/v1/records/${id}/amendments`, {
          changes: {
            interferer: {
              name: '王副县长',
              post: '杞县人民政府副县长（分管工业）',
              level: 'county',
            },
          },
          reason: '按上级意见补充职务',
        })
        .expect(201);
      const second = await c.filler.post(`${base}/2020Q3/compile`).expect(200);
      expect(second).toMatchObject({ version: 2, kind: 'resubmission' });
      const resent = await signSealSubmit('2020Q3');
      expect(resent.versions.map((v: any) => v.status)).toEqual(['returned', 'submitted']);
    });
  });

  describe('the bureau above', () => {
    it('sees every unit that reports to it, with missing ones shown without anyone acting', async () => {
      t.clock.set('2020-10-10T02:00:00Z');
      await c.signInAgain();
      const box = await c.reviewer.get('/api/v1/inbox/410200?period=2020Q3').expect(200);
      const byUnit = new Map(box.units.map((u: any) => [u.unit, u]));

      expect(box.due).toBe('2020-10-06');
      expect(byUnit.get('410221')).toMatchObject({ status: 'submitted', version: 2 });
      expect(byUnit.get('410222')).toMatchObject({ status: 'missing', daysLate: 4 });
      expect(box.units).toHaveLength(9);
      await c.filler.get('/api/v1/inbox/410200?period=2020Q3').expect(403);

      const grid = await c.reviewer
        .get('/api/v1/inbox/410200/matrix?from=2020Q1&to=2020Q4')
        .expect(200);
      const qixian = grid.units.find((u: any) => u.unit === '410221');
      expect(qixian.cells.map((cell: any) => cell.status)).toEqual([
        'submitted',
        'accepted',
        'submitted',
        'not-due',
      ]);
      expect(grid.counts.missing).toBe(3 * 8);
    });

    it('raises an alarm when the unit log was tampered with after the submission', async () => {
      const { db } = t.instance.ctx;
      const sent = await c.reviewer.get(`${base}/2020Q3`).expect(200);
      const recordId = sent.ledger[0];
      const row = await db
        .selectFrom('report_records')
        .select('log_index')
        .where('record_id', '=', recordId)
        .orderBy('log_index', 'desc')
        .executeTakeFirstOrThrow();
      const entry = await db
        .selectFrom('log_entries')
        .select('entry')
        .where('log_id', '=', '410221')
        .where('idx', '=', row.log_index)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('log_entries')
        .set({ entry: entry.entry.replace('"status":', '"status" :') })
        .where('log_id', '=', '410221')
        .where('idx', '=', row.log_index)
        .execute();
      await db
        .updateTable('log_entries')
        .set({ leaf_hash: '00'.repeat(32) })
        .where('log_id', '=', '410221')
        .where('idx', '=', row.log_index)
        .execute();

      const view = await c.reviewer.get(`${base}/2020Q3`).expect(200);
      expect(view.integrity.ok).toBe(false);
      expect(view.integrity.problems.join()).toContain(recordId);
      const alarm = await db
        .selectFrom('log_entries')
        .select('type')
        .where('type', '=', 'report.integrity-alarm')
        .execute();
      expect(alarm.length).toBeGreaterThan(0);
    });
  });

  describe('at the same time', () => {
    it('lets one of two simultaneous compiles through and tells the other to reload', async () => {
      t.clock.set('2020-12-20T02:00:00Z');
      await c.signInAgain();
      await completeRecord({ occurredAt: '2020-11-02' });
      const results = await Promise.all(
        [1, 2, 3].map(() => c.filler.post(`${base}/2020Q4/compile`)),
      );
      const statuses = results.map((r) => r.statusCode).sort();

      expect(statuses[0]).toBe(200);
      expect(
        statuses.every((s) => s === 200 || s === 409),
        JSON.stringify(results.map((r) => r.body)),
      ).toBe(true);
      const versions = await t.instance.ctx.db
        .selectFrom('reports')
        .select('version')
        .where('unit', '=', '410221')
        .where('period', '=', '2020Q4')
        .execute();
      expect(versions).toEqual([{ version: 1 }]);
    });

    it('attaches the scan of the signed and sealed paper, refusing what is not a PDF or image', async () => {
      const view = await c.filler
        .upload(`${base}/2020Q4/scan`, { name: '汇总表扫描件.png', content: PNG })
        .expect(200);
      expect(view.scan).toMatchObject({ mediaType: 'image/png' });
      const scan = await c.reviewer.get(`${base}/2020Q4/scan`);
      expect(scan.statusCode).toBe(200);
      expect(scan.rawPayload.equals(PNG)).toBe(true);
      await c.otherCounty.get(`${base}/2020Q4/scan`).expect(404);
      const text = Buffer.from('just some text, not a scan');
      await c.filler.upload(`${base}/2020Q4/scan`, { name: 'note.txt', content: text }).expect(400);
      await c.leader.upload(`${base}/2020Q4/scan`, { name: 'x.png', content: PNG }).expect(403);
    });
  });

  it('keeps liuhen verify green through the flow, and names a report row edited directly', async () => {
    const fresh = await startTestApp(engine);
    try {
      fresh.clock.set('2020-04-03T02:00:00Z');
      const county = await setUpCounty(fresh);
      await county.sys
        .upload('/api/v1/units/410221/seal', { name: 'seal.png', content: PNG })
        .expect(201);
      await county.filler.post(`${base}/2020Q1/compile`).expect(200);
      await county.leader
        .post(`${base}/2020Q1/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
        .expect(200);
      await county.principal
        .post(`${base}/2020Q1/signatures`, { role: 'principal', password: PASSWORD })
        .expect(200);
      await county.filler.post(`${base}/2020Q1/seal`).expect(200);
      await county.filler.post(`${base}/2020Q1/submit`).expect(200);
      expect((await verifyInstance(fresh.instance.ctx)).ok).toBe(true);

      await fresh.instance.ctx.db.updateTable('reports').set({ status: 'accepted' }).execute();
      const report = await verifyInstance(fresh.instance.ctx);
      expect(report.ok).toBe(false);
      expect(report.tables.map((p) => p.message).join()).toMatch(
        /reports .*: status is "accepted", the log says "submitted"/,
      );
    } finally {
      await fresh.close();
    }
  });

  it('counts 厅局级 and 省部级 in rows of their own in a province deployment', async () => {
    const fresh = await startTestApp(engine);
    try {
      fresh.clock.set('2020-06-20T02:00:00Z');
      const county = await setUpCounty(fresh);
      await county.sys.patch('/api/v1/settings', { provinceLevels: true }).expect(200);
      const record = await county.recorder
        .post(
          '/api/v1/records',
          buildRecord('letter', {
            noEvidenceReason: '无',
            interferer: { name: '某厅长', post: '省某厅厅长', level: 'prefecture' },
          }),
        )
        .expect(201);
      await county.recorder
        .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
        .expect(200);

      const report = await county.filler.get(`${base}/2020Q2`).expect(200);
      expect(report.summary.persons).toEqual({
        province: 0,
        prefecture: 1,
        county: 0,
        township: 0,
        other: 0,
        total: 1,
      });
    } finally {
      await fresh.close();
    }
  });
});
