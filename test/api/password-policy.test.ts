/**
 * The password policy through the API (issue 8, Authentication): a new password may not
 * contain the username, be a common one, or repeat any of the last five; an administrator's
 * password expires after 90 days and must be changed before anything else, with an event.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('password policy', (engine) => {
  let t: TestApp;
  let zhang: ApiClient;
  let current = 'Hz-Pass-1';

  async function change(next: string) {
    const res = await zhang.post('/api/v1/session/password', { current, next });
    if (res.statusCode === 204) current = next;

    return res;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    await sys
      .post('/api/v1/users', { username: 'zhang', name: '张三', unit: '410200', password: current })
      .expect(201);
    zhang = t.client();
    await zhang.signIn('zhang', current);
  });
  afterAll(() => t.close());

  it('refuses a password containing the username or among the common ones, saying which', async () => {
    const named = await change('Zhang-2026-New');
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('PASSWORD_WEAK');
    expect(named.json().error.message).toContain('不能包含用户名');

    const common = await change('Password1');
    expect(common.statusCode).toBe(400);
    expect(common.json().error.message).toContain('最常见');

    const sys = await t.admin('sysadmin');
    const created = await sys
      .post('/api/v1/users', {
        username: 'li',
        name: '李四',
        unit: '410200',
        password: 'Qwerty123',
      })
      .expect(400);
    expect(created.error.details).toEqual([
      { field: 'password', message: '该密码属于最常见的一万个密码之一，容易被猜中，请换一个' },
    ]);
  });

  it('refuses any of the last five passwords and accepts the sixth back', async () => {
    const first = current;
    const history = ['Kf-Stat-2026a', 'Kf-Stat-2026b', 'Kf-Stat-2026c', 'Kf-Stat-2026d'];
    for (const next of history) {
      const res = await change(next);
      expect(res.statusCode, next).toBe(204);
      await zhang.signIn('zhang', current);
    }
    // The current one and the four before it are the last five.
    for (const again of [first, ...history]) {
      const res = await change(again);
      expect(res.statusCode, again).toBe(400);
      expect(res.json().error.code).toBe('PASSWORD_REUSED');
    }
    expect((await change('Kf-Stat-2026e')).statusCode).toBe(204);
    await zhang.signIn('zhang', current);
    // `first` is now six passwords back.
    expect((await change(first)).statusCode).toBe(204);
  });

  it('makes an administrator change a password older than 90 days before anything else', async () => {
    const sys = await t.admin('sysadmin');
    await sys.get('/api/v1/units').expect(200);
    t.clock.advance(91 * 86_400_000);

    const again = t.client();
    await again.signIn('sysadmin', 'Admin-Secret-99');
    const session = await again.get('/api/v1/session').expect(200);
    expect(session.user.mustChangePassword).toBe(true);
    const blocked = await again.get('/api/v1/units').expect(403);
    expect(blocked.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await again
      .post('/api/v1/session/password', { current: 'Admin-Secret-99', next: 'Admin-Rotated-2026' })
      .expect(204);

    // A staff account's password does not expire.
    await zhang.signIn('zhang', current);
    expect((await zhang.get('/api/v1/session').expect(200)).user.mustChangePassword).toBe(false);

    const expired = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('entry')
      .where('type', '=', 'user.password-expired')
      .execute();
    expect(expired).toHaveLength(1);
    expect(JSON.parse(expired[0]!.entry).data.username).toBe('sysadmin');
  });
});
