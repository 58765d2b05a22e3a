import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendReminders } from '../../src/reports/reminders.js';
import { describeEachEngine } from '../support/engines.js';
import { type County, setUpCounty } from '../support/records.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('deadline reminders', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-06-29T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  it('reminds the unit 7, 3 and 1 days before the deadline, once each', async () => {
    const sent = await sendReminders(t.instance.ctx);
    expect(sent).toBeGreaterThan(0);
    expect(await sendReminders(t.instance.ctx)).toBe(0);

    const { notices } = await c.filler.get('/api/v1/notices').expect(200);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'due-in-7',
      unit: '410221',
      period: '2020Q2',
      read: false,
    });
    expect(notices[0].text).toContain('2020-07-06');
    expect((await c.principal.get('/api/v1/notices').expect(200)).notices).toHaveLength(1);
    expect((await c.reviewer.get('/api/v1/notices').expect(200)).notices).toHaveLength(0);

    await c.filler.post(`/api/v1/notices/${notices[0].id}/read`).expect(204);
    expect((await c.filler.get('/api/v1/notices').expect(200)).notices[0].read).toBe(true);
    await c.principal.post(`/api/v1/notices/${notices[0].id}/read`).expect(404);
  });

  it('on the day after the deadline tells the unit and the reviewers above', async () => {
    t.clock.set('2020-07-07T02:00:00Z');
    await c.signInAgain();
    await sendReminders(t.instance.ctx);

    const reviewer = (await c.reviewer.get('/api/v1/notices').expect(200)).notices;
    expect(reviewer.some((n: any) => n.kind === 'overdue' && n.unit === '410221')).toBe(true);
    expect(reviewer.filter((n: any) => n.kind === 'overdue').length).toBe(9);
  });

  it('reminds nobody on a day that is not a reminder day', async () => {
    t.clock.set('2020-07-01T02:00:00Z');
    expect(await sendReminders(t.instance.ctx)).toBe(0);
  });
});

describeEachEngine('reminder e-mails', (engine) => {
  it('e-mails each new reminder to accounts with an address when an SMTP server is configured', async () => {
    const sink = await startSmtpSink();
    const t = await startTestApp(engine, {
      smtpUrl: `${sink.url}?ignoreTLS=true`,
      smtpFrom: 'liuhen@tjj.local',
    });
    try {
      t.clock.set('2020-06-29T02:00:00Z');
      const c = await setUpCounty(t);
      await c.sys
        .patch('/api/v1/users/qx-filler', { email: 'filler@qixian.tjj.local' })
        .expect(200);
      const bad = await c.sys
        .patch('/api/v1/users/qx-principal', { email: 'not an address' })
        .expect(400);
      expect(bad.error.code).toBe('VALIDATION_FAILED');

      await sendReminders(t.instance.ctx);
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]!.to.join()).toContain('filler@qixian.tjj.local');
      expect(sink.mails[0]!.data).toContain('Subject:');

      await sendReminders(t.instance.ctx);
      expect(sink.mails).toHaveLength(1);
    } finally {
      await t.close();
      await sink.close();
    }
  });
});
