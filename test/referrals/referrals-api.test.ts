/**
 * Referrals (移送) on both engines: the city reviewer refers submitted records of a county to
 * the bodies the cadre management authority rules name, sends the letter, is reminded as the
 * feedback falls due, records the feedback and closes the case; every step is logged and the
 * tables verify against the log, until a referral row is edited behind the application's back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReferralReminders } from '../../src/referrals/referral-reminders.js';
import { referralsOfYear } from '../../src/referrals/referrals-of-year.js';
import { verifyInstance } from '../../src/verification/verify.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { PDF, PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const county = { name: '王副县长', post: '杞县人民政府副县长', level: 'county' };
const township = { name: '赵镇长', post: '杞县城关镇镇长', level: 'township' };

describeEachEngine('referrals', (engine) => {
  let t: TestApp;
  let c: County;
  let province: ApiClient;
  let countyRecord: string;
  let townshipRecord: string;
  let unsent: string;
  let referral: any;

  async function completeRecord(interferer: object, occurredAt: string) {
    const body = buildRecord('letter', { noEvidenceReason: '原件已交回', interferer, occurredAt });
    const record = await c.recorder.post('/api/v1/records', body).expect(201);
    await c.recorder.post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD }).expect(200);
    return record.id as string;
  }

  async function submitQuarter(period: string) {
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

  /** Moves the clock and signs everyone in again past the session timeouts. */
  async function moveTo(instant: string) {
    t.clock.set(instant);
    await c.signInAgain();
    await province.signIn('hn-reviewer', PASSWORD);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
    await c.sys
      .upload('/api/v1/units/410221/seal', { name: '杞县统计局公章.png', content: PNG })
      .expect(201);
    await c.sys
      .post('/api/v1/users', {
        username: 'hn-reviewer',
        name: '省局审核',
        unit: '410000',
        password: 'First-Pass-01',
      })
      .expect(201);
    await c.sec
      .put('/api/v1/users/hn-reviewer/roles', [{ role: 'reviewer', unit: '410000' }])
      .expect(200);
    province = t.client();
    await province.signIn('hn-reviewer', 'First-Pass-01');
    await province
      .post('/api/v1/session/password', { current: 'First-Pass-01', next: PASSWORD })
      .expect(204);

    countyRecord = await completeRecord(county, '2020-05-13');
    townshipRecord = await completeRecord(township, '2020-06-02');
    await submitQuarter('2020Q2');
    unsent = await completeRecord(township, '2020-07-01');
  });
  afterAll(() => t.close());

  describe('cadre management authority rules', () => {
    it('default to the county for 乡科级 and the city for 县处级, with discipline bodies', async () => {
      const { rules } = await c.reviewer.get('/api/v1/referral-rules').expect(200);
      expect(rules.find((r: any) => r.level === 'township')).toMatchObject({
        label: '乡科级',
        addressee: '中共{县}委、{县}人民政府',
        copyTo: '{县}纪委监委',
      });
      expect(rules.find((r: any) => r.level === 'county')).toMatchObject({
        addressee: '中共{市}委',
      });
      expect(rules.find((r: any) => r.level === 'province').addressee).toBe('中共{省}委');
    });

    it('are changed by the system administrator only, as a logged version', async () => {
      const { rules } = await c.sys.get('/api/v1/referral-rules').expect(200);
      const edited = rules.map(({ label: _, ...r }: any) =>
        r.level === 'other' ? { ...r, addressee: '{县}人民政府' } : r,
      );
      await c.reviewer.put('/api/v1/referral-rules', { rules: edited }).expect(403);
      await c.filler.get('/api/v1/referral-rules').expect(403);

      const blank = edited.map((r: any) => (r.level === 'county' ? { ...r, addressee: ' ' } : r));
      const refused = await c.sys.put('/api/v1/referral-rules', { rules: blank }).expect(400);
      expect(refused.error.message).toContain('请填写主送机关');
      const partial = await c.sys
        .put('/api/v1/referral-rules', { rules: edited.slice(1) })
        .expect(400);
      expect(partial.error.code).toBe('REFERRAL_RULES_INVALID');
      expect(partial.error.details[0].message).toBe('请填写县处级的主送机关');

      const saved = await c.sys.put('/api/v1/referral-rules', { rules: edited }).expect(200);
      expect(saved.rules.find((r: any) => r.level === 'other').addressee).toBe('{县}人民政府');
    });
  });

  describe('a referral from draft to closed', () => {
    it('suggests the first letter number of the year from the bureau’s name', async () => {
      const next = await c.reviewer.get('/api/v1/referrals/next-number').expect(200);
      expect(next).toEqual({ bureau: '410200', year: 2020, number: '开封市统移〔2020〕1号' });
    });

    it('is drafted from submitted records, addressed by the interferers’ levels', async () => {
      referral = await c.reviewer
        .post('/api/v1/referrals', {
          recordIds: [countyRecord, townshipRecord],
          number: '汴统移〔2020〕1号',
          copyToDiscipline: true,
        })
        .expect(201);
      expect(referral).toMatchObject({
        bureau: { code: '410200', name: '开封市统计局' },
        number: '汴统移〔2020〕1号',
        date: '2020-07-01',
        status: 'draft',
        addressees: ['中共开封市委', '中共杞县委、杞县人民政府'],
        copyToDiscipline: true,
        copyTo: ['开封市纪委监委', '杞县纪委监委'],
        recordIds: [countyRecord, townshipRecord],
        dueDate: null,
      });
      expect(referral.records[0]).toMatchObject({
        id: countyRecord,
        unit: '410221',
        unitName: '杞县统计局',
        period: '2020Q2',
        level: 'county',
      });
    });

    it('suggests the next number in the bureau’s own style and refuses a taken one', async () => {
      const next = await c.reviewer.get('/api/v1/referrals/next-number').expect(200);
      expect(next.number).toBe('汴统移〔2020〕2号');

      const taken = await c.reviewer
        .post('/api/v1/referrals', { recordIds: [townshipRecord], number: '汴统移〔2020〕1号' })
        .expect(409);
      expect(taken.error).toMatchObject({ code: 'REFERRAL_NUMBER_TAKEN' });
    });

    it('explains what to fix in Chinese', async () => {
      const cases: Array<[object, string]> = [
        [{ recordIds: [] }, '请至少选择一条记录'],
        [{ recordIds: [countyRecord], number: '汴统移2020-1' }, '文号应写作“汴统移〔2020〕1号”'],
        [{ recordIds: [countyRecord], date: '2020-02-30' }, '日期不是有效的日期'],
        [{ recordIds: [countyRecord, countyRecord] }, '同一条记录不能重复选择'],
        [{ recordIds: [countyRecord], addressees: [] }, '请至少填写一个主送机关'],
      ];
      for (const [body, message] of cases) {
        const answer = await c.reviewer.post('/api/v1/referrals', body).expect(400);
        expect(answer.error.code).toBe('VALIDATION_FAILED');
        expect(answer.error.message).toContain(message);
      }
    });

    it('refers only records the reviewer received, and only to those who review', async () => {
      const notSubmitted = await c.reviewer
        .post('/api/v1/referrals', { recordIds: [unsent] })
        .expect(404);
      expect(notSubmitted.error.code).toBe('RECORD_NOT_FOUND');
      expect(notSubmitted.error.details[0].field).toBe('recordIds.0');
      // The province reviews the city, not the county: the county's records are not theirs.
      await province.post('/api/v1/referrals', { recordIds: [countyRecord] }).expect(404);
      await province.get(`/api/v1/referrals/${referral.id}`).expect(404);
      expect((await province.get('/api/v1/referrals').expect(200)).referrals).toEqual([]);
      await province.get(`/api/v1/referrals/${referral.id}/letter`).expect(404);

      for (const other of [c.filler, c.principal, c.recorder, c.sys, c.audit]) {
        await other.get('/api/v1/referrals').expect(403);
        await other.get(`/api/v1/referrals/${referral.id}`).expect(403);
        await other.post('/api/v1/referrals', { recordIds: [countyRecord] }).expect(403);
      }
    });

    it('changes while a draft, and takes attachments', async () => {
      const changed = await c.reviewer
        .patch(`/api/v1/referrals/${referral.id}`, { date: '2020-07-02' })
        .expect(200);
      expect(changed).toMatchObject({ date: '2020-07-02', version: 2 });

      const file = await c.reviewer
        .upload(
          `/api/v1/referrals/${referral.id}/files`,
          { name: '杞县统计局记录台账.pdf', content: PDF },
          { role: 'attachment' },
        )
        .expect(201);
      expect(file).toMatchObject({ role: 'attachment', name: '杞县统计局记录台账.pdf' });
      const download = await c.reviewer.get(`/api/v1/referrals/${referral.id}/files/${file.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      const early = await c.reviewer
        .upload(
          `/api/v1/referrals/${referral.id}/files`,
          { name: '反馈.pdf', content: PDF },
          { role: 'feedback' },
        )
        .expect(409);
      expect(early.error.message).toContain('发出后');
    });

    it('generates the letter as a Word document listing each record', async () => {
      const res = await c.reviewer.get(`/api/v1/referrals/${referral.id}/letter`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      mkdirSync('test-results/documents', { recursive: true });
      writeFileSync(`test-results/documents/referral-letter-${engine.name}.docx`, res.rawPayload);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');

      expect(text).toContain('关于移送领导干部违规干预统计工作问题线索的函');
      expect(text).toContain('汴统移〔2020〕1号');
      expect(text).toContain('中共开封市委、中共杞县委、杞县人民政府：');
      expect(text).toContain('（一）王副县长（杞县人民政府副县长，县处级）');
      expect(text).toContain('（二）赵镇长（杞县城关镇镇长，乡科级）');
      expect(text).toContain('2020年5月13日，以来文来函，来文来函单位：杞县发展和改革委员会');
      expect(text).toContain('规模以上工业增加值（2020年二季度）');
      expect(text).toContain('在收到本函之日起30日内');
      expect(text).toContain('附件：1. 领导干部违规干预统计工作记录（2份）');
      expect(text).toContain('2. 杞县统计局记录台账.pdf');
      expect(text).toContain('开封市统计局');
      expect(text).toContain('2020年7月2日');
      expect(text).toContain('抄送：开封市纪委监委、杞县纪委监委。');
      expect(xml).toContain('w:highlight');
      expect(await zip.file('word/fontTable.xml')!.async('string')).toContain('仿宋_GB2312');

      // Reading the records for the letter is a read the recorder sees.
      const record = await c.recorder.get(`/api/v1/records/${countyRecord}`).expect(200);
      expect(record.reads.map((r: any) => r.username)).toContain('kf-reviewer');
    });

    it('is sent with a feedback due date 30 days on, and is frozen then', async () => {
      const sent = await c.reviewer.post(`/api/v1/referrals/${referral.id}/send`).expect(200);
      expect(sent).toMatchObject({ status: 'sent', dueDate: '2020-07-31', overdue: false });
      const frozen = await c.reviewer
        .patch(`/api/v1/referrals/${referral.id}`, { date: '2020-07-03' })
        .expect(409);
      expect(frozen.error.code).toBe('REFERRAL_STATE');
      await c.reviewer.post(`/api/v1/referrals/${referral.id}/send`).expect(409);
    });

    it('reminds the reviewers before the due date and once it has passed', async () => {
      await moveTo('2020-07-24T02:00:00Z');
      expect(await sendReferralReminders(t.instance.ctx)).toBe(1);
      expect(await sendReferralReminders(t.instance.ctx)).toBe(0);

      await moveTo('2020-08-01T02:00:00Z');
      expect(await sendReferralReminders(t.instance.ctx)).toBe(1);
      const { notices } = await c.reviewer.get('/api/v1/notices').expect(200);
      expect(notices.map((n: any) => n.kind)).toEqual(['referral-overdue', 'referral-due-in-7']);
      expect(notices[0].text).toContain('汴统移〔2020〕1号 已超过反馈期限（2020-07-31）');
      expect((await c.filler.get('/api/v1/notices').expect(200)).notices).toEqual([]);

      const { referrals } = await c.reviewer.get('/api/v1/referrals?overdue=1').expect(200);
      expect(referrals.map((r: any) => r.id)).toEqual([referral.id]);
    });

    it('records the feedback with its documents', async () => {
      const empty = await c.reviewer
        .post(`/api/v1/referrals/${referral.id}/feedback`, { result: '', date: '2020-08-05' })
        .expect(400);
      expect(empty.error.message).toContain('请填写反馈结果');
      const early = await c.reviewer
        .post(`/api/v1/referrals/${referral.id}/feedback`, { result: '已处理', date: '2020-06-30' })
        .expect(400);
      expect(early.error.details[0].message).toBe('反馈日期不能早于移送函的日期');

      const answered = await c.reviewer
        .post(`/api/v1/referrals/${referral.id}/feedback`, {
          result: '经核实，已对王某某进行诫勉谈话，对赵某某批评教育。',
          date: '2020-08-05',
        })
        .expect(200);
      expect(answered).toMatchObject({ status: 'feedback', overdue: false });
      expect(answered.feedback).toMatchObject({ date: '2020-08-05' });
      await c.reviewer
        .upload(
          `/api/v1/referrals/${referral.id}/files`,
          { name: '杞县县委反馈函.pdf', content: PDF },
          { role: 'feedback' },
        )
        .expect(201);
    });

    it('closes, cannot be deleted, and every step is in the bureau’s log', async () => {
      const closed = await c.reviewer.post(`/api/v1/referrals/${referral.id}/close`).expect(200);
      expect(closed.status).toBe('closed');
      expect(closed.files.map((f: any) => f.role)).toEqual(['attachment', 'feedback']);
      await c.reviewer.post(`/api/v1/referrals/${referral.id}/close`).expect(409);
      await c.reviewer.delete(`/api/v1/referrals/${referral.id}`).expect(404);

      const entries = await t.instance.ctx.db
        .selectFrom('log_entries')
        .select(['type', 'entry'])
        .where('log_id', '=', '410200')
        .where('type', 'like', 'referral.%')
        .orderBy('idx')
        .execute();
      expect(entries.map((e) => e.type)).toEqual([
        'referral.created',
        'referral.updated',
        'referral.file-added',
        'referral.letter-generated',
        'referral.sent',
        'referral.reminder-sent',
        'referral.reminder-sent',
        'referral.feedback-recorded',
        'referral.file-added',
        'referral.closed',
      ]);
      // Ids, status and digests only: no addressee and no feedback text in the log.
      for (const { entry } of entries) {
        expect(entry).not.toContain('杞县委');
        expect(entry).not.toContain('诫勉谈话');
      }
      expect(JSON.parse(entries[0]!.entry).data.recordIds).toEqual([countyRecord, townshipRecord]);
    });

    it('closes a draft that will not be sent only with a reason', async () => {
      const draft = await c.reviewer
        .post('/api/v1/referrals', { recordIds: [townshipRecord] })
        .expect(201);
      expect(draft.number).toBe('汴统移〔2020〕2号');
      expect(draft.addressees).toEqual(['中共杞县委、杞县人民政府']);
      const bare = await c.reviewer.post(`/api/v1/referrals/${draft.id}/close`).expect(400);
      expect(bare.error.details[0].message).toBe('尚未收到反馈，办结须说明原因');
      await c.reviewer
        .post(`/api/v1/referrals/${draft.id}/close`, { note: '与汴统移〔2020〕1号重复' })
        .expect(200);
      const { referrals } = await c.reviewer.get('/api/v1/referrals?status=closed').expect(200);
      expect(referrals).toHaveLength(2);
      const byRecord = await c.reviewer.get(`/api/v1/referrals?record=${countyRecord}`).expect(200);
      expect(byRecord.referrals.map((r: any) => r.id)).toEqual([referral.id]);

      // The annual report counts the letter sent, not the draft closed unsent.
      expect(await referralsOfYear(t.instance.ctx, '410200', 2020)).toEqual([
        {
          number: '汴统移〔2020〕1号',
          date: '2020-07-02',
          target: '中共开封市委、中共杞县委、杞县人民政府',
          records: 2,
          feedback: '经核实，已对王某某进行诫勉谈话，对赵某某批评教育。',
        },
      ]);
    });
  });

  describe('verification', () => {
    it('passes after the flow and names a referral row edited behind the app’s back', async () => {
      const clean = await verifyInstance(t.instance.ctx);
      expect(clean.first).toBeUndefined();
      expect(clean.ok).toBe(true);

      await t.instance.ctx.db
        .updateTable('referrals')
        .set({ feedback_result: '未发现问题' })
        .where('id', '=', referral.id)
        .execute();
      const tampered = await verifyInstance(t.instance.ctx);
      expect(tampered.ok).toBe(false);
      expect(tampered.first?.message).toContain(`referrals ${referral.id}: digest`);
    });
  });
});
