import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkpointChangedLogs } from '../../src/ledger/checkpoints.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('audit trail', (engine) => {
  let t: TestApp;
  let sys: ApiClient;
  let audit: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sys = await t.admin('sysadmin');
    const sec = await t.admin('secadmin');
    audit = await t.admin('auditadmin');
    await sys
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    await sys.patch('/api/v1/units/410200', { name: '开封市统计局（改）' }).expect(200);
    await sys
      .post('/api/v1/users', {
        username: 'zhou',
        name: '周',
        unit: '410200',
        password: 'Zh-Pass-1',
      })
      .expect(201);
    await sys.patch('/api/v1/users/zhou', { phone: '123456' }).expect(200);
    await sec.put('/api/v1/users/zhou/roles', [{ role: 'recorder', unit: '410200' }]).expect(200);
    await sys.patch('/api/v1/settings', { deadlineInclusive: false }).expect(200);
    await sys.put('/api/v1/holidays/2026-10-01', { name: '国庆节', workday: false }).expect(200);
    await sys.put('/api/v1/rules/versions/2023', { effectiveFrom: '2023-11-01' }).expect(200);
    await t
      .client()
      .post('/api/v1/session', { username: 'zhou', password: 'Wrong-Guess-9' })
      .expect(401);
    const zhou = t.client('192.168.7.7');
    await zhou.signIn('zhou', 'Zh-Pass-1');
    await zhou.delete('/api/v1/session').expect(204);
  });
  afterAll(() => t.close());

  async function events(query = '') {
    const body = await audit.get(`/api/v1/audit?limit=500${query}`).expect(200);
    return body.events as Array<Record<string, any>>;
  }

  it('records sign-ins, failures and sign-outs with who, when, where and result', async () => {
    const trail = await events('&actor=zhou');
    const types = trail.map((e) => e.type);

    expect(types).toEqual(
      expect.arrayContaining(['session.signed-in', 'session.sign-in-failed', 'session.signed-out']),
    );
    const failed = trail.find((e) => e.type === 'session.sign-in-failed')!;
    expect(failed).toMatchObject({ actor: 'zhou', result: 'failure', ip: '10.1.2.3' });
    const signedIn = trail.find((e) => e.type === 'session.signed-in')!;
    expect(signedIn.ip).toBe('192.168.7.7');
    expect(signedIn.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(signedIn.atBeijing).toMatch(/\+08:00$/);
    expect(Date.parse(signedIn.atBeijing)).toBe(Date.parse(signedIn.at));
  });

  it('records every change to units, users, roles, settings, holidays and rules', async () => {
    const types = new Set((await events()).map((e) => e.type));

    for (const type of [
      'unit.created',
      'unit.updated',
      'user.created',
      'user.updated',
      'user.roles-set',
      'settings.updated',
      'holiday.set',
      'rules.effective-date-set',
      'user.password-changed',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
    const roles = (await events('&type=user.roles-set'))[0]!;
    expect(roles).toMatchObject({ actor: 'secadmin', result: 'success' });
    expect(roles.data).toMatchObject({
      username: 'zhou',
      after: [{ role: 'recorder', unit: '410200' }],
    });
    const settings = (await events('&type=settings.updated'))[0]!;
    expect(settings.data).toEqual({ changes: { deadlineInclusive: { from: true, to: false } } });
  });

  it('records an unknown username trying to sign in', async () => {
    await t.client().post('/api/v1/session', { username: 'intruder', password: 'x' }).expect(401);
    const trail = await events('&actor=intruder');

    expect(trail[0]).toMatchObject({
      type: 'session.sign-in-failed',
      result: 'failure',
      data: { reason: 'unknown-user' },
    });
  });

  it('keeps the trail in an append-only log with gap-free indexes and never a password', async () => {
    const rows = await t.instance.ctx.db
      .selectFrom('log_entries')
      .selectAll()
      .where('log_id', '=', 'system')
      .orderBy('idx')
      .execute();

    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
    const text = rows.map((r) => r.entry).join('\n');
    expect(text).not.toContain('Zh-Pass-1');
    expect(text).not.toContain('Wrong-Guess-9');
    const head = await t.instance.ctx.db
      .selectFrom('logs')
      .selectAll()
      .where('id', '=', 'system')
      .executeTakeFirstOrThrow();
    expect(head.size).toBe(rows.length);
  });

  it('has no route to edit or delete the trail', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await audit.request(method, '/api/v1/audit', {});
      expect(res.statusCode, method).toBe(404);
    }
  });

  it('pages and filters', async () => {
    const page = await audit.get('/api/v1/audit?limit=2&offset=1').expect(200);
    expect(page.events).toHaveLength(2);
    expect(page.total).toBeGreaterThan(10);
    const none = await audit.get('/api/v1/audit?from=2999-01-01').expect(200);
    expect(none.events).toEqual([]);
    await audit.get('/api/v1/audit?limit=100000').expect(400);
  });

  it('shows for each event its log index and whether it verifies', async () => {
    const before = await events('&type=user.roles-set');
    expect(before[0]).toMatchObject({
      log: 'system',
      integrity: expect.stringMatching(/included|checkpointed/),
    });
    expect(Number.isInteger(before[0]!.index)).toBe(true);

    await checkpointChangedLogs(t.instance.ctx, 0);
    const signed = await events();
    expect(new Set(signed.map((e) => e.integrity))).toEqual(new Set(['checkpointed']));

    const { db } = t.instance.ctx;
    const target = signed.find((e) => e.type === 'unit.updated')!;
    const row = await db
      .selectFrom('log_entries')
      .select('entry')
      .where('log_id', '=', target.log)
      .where('idx', '=', target.index)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('log_entries')
      .set({ entry: row.entry.replace('（改）', '（删）') })
      .where('log_id', '=', target.log)
      .where('idx', '=', target.index)
      .execute();

    const after = await events();
    const tampered = after.find((e) => e.log === target.log && e.index === target.index)!;
    expect(tampered.integrity).toBe('failed');
    expect(after.filter((e) => e.integrity === 'failed')).toHaveLength(1);
  });
});
