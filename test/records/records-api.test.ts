import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInstance } from '../../src/verification/verify.js';
import { describeEachEngine } from '../support/engines.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('interference records', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  describe('recording', () => {
    it.each(['oral', 'letter', 'message'] as const)(
      'records a valid %s interference as a draft',
      async (form) => {
        const record = await c.recorder.post('/api/v1/records', buildRecord(form)).expect(201);

        expect(record).toMatchObject({
          form,
          status: 'draft',
          period: '2020Q2',
          ruleVersion: '2017',
          version: 1,
        });
        expect(record.recorder.username).toBe('qx-recorder');
        expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(record.interfererId).toMatch(/^[0-9a-f-]{36}$/);
      },
    );

    it('gives the same person the same interferer id across records', async () => {
      const a = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      const b = await c.recorder2
        .post(
          '/api/v1/records',
          buildRecord('letter', {
            interferer: { name: '王 副县长', post: '县长', level: 'county' },
          }),
        )
        .expect(201);
      const other = await c.recorder
        .post(
          '/api/v1/records',
          buildRecord('oral', {
            interferer: { name: '赵镇长', post: '某镇镇长', level: 'township' },
          }),
        )
        .expect(201);

      expect(b.interfererId).toBe(a.interfererId);
      expect(other.interfererId).not.toBe(a.interfererId);
    });

    it('refuses a unit where the account is not a recorder', async () => {
      const res = await c.recorder
        .post('/api/v1/records', buildRecord('oral', { unit: '410222' }))
        .expect(403);
      expect(res.error.code).toBe('RECORDER_ROLE_REQUIRED');
      await c.filler.post('/api/v1/records', buildRecord('oral')).expect(403);
      await c.sys.post('/api/v1/records', buildRecord('oral')).expect(403);
    });
  });

  describe('lifecycle', () => {
    it('edits a draft, signs it, collects the witness confirmation and completes', async () => {
      const draft = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      const edited = await c.recorder
        .patch(`/api/v1/records/${draft.id}`, { office: '工业交通科' })
        .expect(200);
      expect(edited).toMatchObject({ office: '工业交通科', version: 2, status: 'draft' });

      const wrong = await c.recorder
        .post(`/api/v1/records/${draft.id}/sign`, { password: 'nope' })
        .expect(400);
      expect(wrong.error.code).toBe('PASSWORD_WRONG');
      const signed = await c.recorder
        .post(`/api/v1/records/${draft.id}/sign`, { password: PASSWORD })
        .expect(200);
      expect(signed.status).toBe('signed');

      const notDraft = await c.recorder
        .patch(`/api/v1/records/${draft.id}`, { office: 'x' })
        .expect(409);
      expect(notDraft.error.code).toBe('RECORD_NOT_DRAFT');
      await c.bystander
        .post(`/api/v1/records/${draft.id}/witness-confirmations`, { password: PASSWORD })
        .expect(404);
      const done = await c.witness
        .post(`/api/v1/records/${draft.id}/witness-confirmations`, { password: PASSWORD })
        .expect(201);
      expect(done.status).toBe('complete');
      expect(done.witnessConfirmations).toEqual([
        { index: 0, username: 'qx-witness', at: expect.any(String) },
      ]);
      await c.witness
        .post(`/api/v1/records/${draft.id}/witness-confirmations`, { password: PASSWORD })
        .expect(409);
    });

    it('completes a letter on signing once it has a reason for having no evidence', async () => {
      const draft = await c.recorder.post('/api/v1/records', buildRecord('letter')).expect(201);
      const blocked = await c.recorder
        .post(`/api/v1/records/${draft.id}/sign`, { password: PASSWORD })
        .expect(400);
      expect(blocked.error.code).toBe('EVIDENCE_REQUIRED');

      await c.recorder
        .patch(`/api/v1/records/${draft.id}`, {
          noEvidenceReason: '原件已被来函单位收回，未留复印件',
        })
        .expect(200);
      const signed = await c.recorder
        .post(`/api/v1/records/${draft.id}/sign`, { password: PASSWORD })
        .expect(200);
      expect(signed.status).toBe('complete');
    });

    it('amends a signed record with a reason; every version stays readable with a diff', async () => {
      const draft = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      await c.recorder.post(`/api/v1/records/${draft.id}/sign`, { password: PASSWORD }).expect(200);
      const amended = await c.recorder
        .post(`/api/v1/records/${draft.id}/amendments`, {
          changes: {
            details: {
              place: '县政府二楼小会议室',
              witnesses: [{ name: '李四', user: 'qx-witness' }],
            },
          },
          reason: '地点记错了',
        })
        .expect(201);
      expect(amended).toMatchObject({ version: 2, status: 'signed' });

      const history = await c.recorder.get(`/api/v1/records/${draft.id}/history`).expect(200);
      expect(history.versions.map((v: any) => [v.version, v.kind, v.reason])).toEqual([
        [1, 'created', null],
        [2, 'amended', '地点记错了'],
      ]);
      expect(history.versions[1].changes).toContainEqual({
        path: 'details.place',
        from: '县政府三楼会议室',
        to: '县政府二楼小会议室',
      });
      expect(history.events.map((e: any) => e.type)).toEqual([
        'record.created',
        'record.signed',
        'record.amended',
      ]);
      const noReason = await c.recorder
        .post(`/api/v1/records/${draft.id}/amendments`, { changes: { office: 'x' }, reason: '' })
        .expect(400);
      expect(noReason.error.code).toBe('VALIDATION_FAILED');
    });

    it('voids with a reason and keeps the record visible as voided; there is no delete', async () => {
      const draft = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      const voided = await c.recorder
        .post(`/api/v1/records/${draft.id}/void`, { reason: '重复记录' })
        .expect(200);
      expect(voided.status).toBe('voided');
      expect(voided.voided).toMatchObject({ reason: '重复记录', by: 'qx-recorder' });

      await c.recorder.patch(`/api/v1/records/${draft.id}`, { office: 'x' }).expect(409);
      expect((await c.recorder.delete(`/api/v1/records/${draft.id}`)).statusCode).toBe(404);
      await c.recorder.get(`/api/v1/records/${draft.id}`).expect(200);
    });
  });

  describe('who sees what', () => {
    let id: string;

    beforeAll(async () => {
      id = (await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201)).id;
    });

    it.each([
      ['recorder', 200],
      ['recorder2', 404],
      ['witness', 200],
      ['filler', 200],
      ['leader', 200],
      ['principal', 200],
      ['reviewer', 404],
      ['otherCounty', 404],
      ['bystander', 404],
      ['sys', 403],
      ['sec', 403],
      ['audit', 403],
    ] as const)('%s reading the record gets %i', async (who, status) => {
      await c[who].get(`/api/v1/records/${id}`).expect(status);
    });

    it('lists only what each may see, and nothing for administrators', async () => {
      const mine = await c.recorder2.get('/api/v1/records').expect(200);
      expect(mine.records.every((r: any) => r.recorder.username === 'qx-recorder2')).toBe(true);
      const unit = await c.filler.get('/api/v1/records?unit=410221').expect(200);
      expect(unit.total).toBeGreaterThan(mine.total);
      expect((await c.otherCounty.get('/api/v1/records').expect(200)).total).toBe(0);
      await c.sys.get('/api/v1/records').expect(403);
    });

    it('logs every read and shows on the record who has read it', async () => {
      await c.principal.get(`/api/v1/records/${id}`).expect(200);
      const seen = await c.recorder.get(`/api/v1/records/${id}`).expect(200);

      expect(seen.reads.map((r: any) => r.username)).toEqual(
        expect.arrayContaining(['qx-principal', 'qx-recorder']),
      );
      const history = await c.recorder.get(`/api/v1/records/${id}/history`).expect(200);
      expect(
        history.events.filter((e: any) => e.type === 'record.read').length,
      ).toBeGreaterThanOrEqual(2);
    });
  });
});

describeEachEngine('records and liuhen verify', (engine) => {
  it('verifies after a scenario, and names a record row edited behind the application', async () => {
    const t = await startTestApp(engine);
    try {
      t.clock.set('2020-07-01T02:00:00Z');
      const c = await setUpCounty(t);
      const draft = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      await c.recorder.post(`/api/v1/records/${draft.id}/sign`, { password: PASSWORD }).expect(200);
      await c.witness
        .post(`/api/v1/records/${draft.id}/witness-confirmations`, { password: PASSWORD })
        .expect(201);
      await c.filler.get(`/api/v1/records/${draft.id}`).expect(200);
      expect((await verifyInstance(t.instance.ctx)).ok).toBe(true);

      const { db } = t.instance.ctx;
      const row = await db
        .selectFrom('records')
        .select('data')
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('records')
        .set({ data: row.data.replace('王副县长', '某人') })
        .where('id', '=', draft.id)
        .execute();
      const report = await verifyInstance(t.instance.ctx);

      expect(report.ok).toBe(false);
      expect(report.first?.message).toContain(`records ${draft.id}: digest`);
    } finally {
      await t.close();
    }
  });
});

describeEachEngine('draft fields removed', (engine) => {
  it('drops a top-level field sent as null: a message draft becomes a letter', async () => {
    const t = await startTestApp(engine);
    try {
      t.clock.set('2020-07-01T02:00:00Z');
      const c = await setUpCounty(t);
      const draft = await c.recorder.post('/api/v1/records', buildRecord('message')).expect(201);
      const letter = await c.recorder
        .patch(`/api/v1/records/${draft.id}`, {
          form: 'letter',
          channel: null,
          occurredAt: '2020-05-14',
          details: { senderUnit: '县统计局' },
        })
        .expect(200);

      expect(letter.form).toBe('letter');
      expect(letter).not.toHaveProperty('channel');
    } finally {
      await t.close();
    }
  });
});
