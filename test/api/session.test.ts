import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { ADMIN_ONE_TIME, startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('sign-in and sessions', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    await sys
      .post('/api/v1/users', {
        username: 'zhang',
        name: '张三',
        unit: '410200',
        password: 'Hz-Pass-1',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('answers GET /session with a CSRF token and no user before sign-in', async () => {
    const body = await t.client().get('/api/v1/session').expect(200);

    expect(body.user).toBeNull();
    expect(body.roles).toEqual([]);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses a mutating request without the CSRF token (403), even sign-in', async () => {
    const c = t.client();
    c.csrfOverride = null;
    const body = await c
      .post('/api/v1/session', { username: 'zhang', password: 'Hz-Pass-1' })
      .expect(403);

    expect(body.error.code).toBe('CSRF_INVALID');
    c.csrfOverride = 'forged-token';
    await c.post('/api/v1/session', { username: 'zhang', password: 'Hz-Pass-1' }).expect(403);
  });

  it('signs in, sets an HttpOnly SameSite=Strict cookie and returns the user', async () => {
    const c = t.client();
    await c.refreshCsrf();
    const res = await c.post('/api/v1/session', { username: 'zhang', password: 'Hz-Pass-1' });

    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'zhang',
      name: '张三',
      unit: '410200',
      mustChangePassword: true,
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/liuhen_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('answers 401 with a Chinese message for a wrong password and for an unknown user alike', async () => {
    const wrong = await t
      .client()
      .post('/api/v1/session', { username: 'zhang', password: 'nope' })
      .expect(401);
    const unknown = await t
      .client()
      .post('/api/v1/session', { username: 'nobody', password: 'nope' })
      .expect(401);

    expect(wrong).toEqual(unknown);
    expect(wrong.error).toEqual({ code: 'AUTH_INVALID', message: '用户名或密码错误，请重新输入' });
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const c = t.client();
    await c.signIn('zhang', 'Hz-Pass-1');
    const blocked = await c.get('/api/v1/units').expect(403);
    expect(blocked.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    await c.post('/api/v1/session/password', { current: 'Hz-Pass-1', next: 'short' }).expect(400);
    await c
      .post('/api/v1/session/password', { current: 'Hz-Pass-1', next: 'alllowercase1' })
      .expect(400);
    await c.post('/api/v1/session/password', { current: 'wrong', next: 'Hz-Pass-2' }).expect(400);
    await c
      .post('/api/v1/session/password', { current: 'Hz-Pass-1', next: 'Hz-Pass-2' })
      .expect(204);

    await c.get('/api/v1/units').expect(200);
    const session = await c.get('/api/v1/session').expect(200);
    expect(session.user.mustChangePassword).toBe(false);
  });

  it('locks an account after 5 failures for 30 minutes; the security administrator unlocks it', async () => {
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/users', {
        username: 'li',
        name: '李四',
        unit: '410200',
        password: 'Li-Pass-001',
      })
      .expect(201);
    const c = t.client();
    for (let i = 0; i < 4; i += 1)
      await c.post('/api/v1/session', { username: 'li', password: 'bad' }).expect(401);
    const locked = await c.post('/api/v1/session', { username: 'li', password: 'bad' }).expect(423);
    expect(locked.error.code).toBe('ACCOUNT_LOCKED');
    await c.post('/api/v1/session', { username: 'li', password: 'Li-Pass-001' }).expect(423);

    t.clock.advance(31 * 60_000);
    await c.signIn('li', 'Li-Pass-001');

    for (let i = 0; i < 5; i += 1)
      await t.client().post('/api/v1/session', { username: 'li', password: 'bad' });
    await t
      .client()
      .post('/api/v1/session', { username: 'li', password: 'Li-Pass-001' })
      .expect(423);
    const sec = await t.admin('secadmin');
    await sec.post('/api/v1/users/li/unlock').expect(204);
    await t.client().signIn('li', 'Li-Pass-001');
  });

  it('takes the lockout numbers from the settings', async () => {
    const sys = await t.admin('sysadmin');
    await sys.patch('/api/v1/settings', { lockoutThreshold: 3, lockoutMinutes: 10 }).expect(200);
    await sys
      .post('/api/v1/users', {
        username: 'wang',
        name: '王五',
        unit: '410200',
        password: 'Hw-Pass-1',
      })
      .expect(201);
    const c = t.client();
    await c.post('/api/v1/session', { username: 'wang', password: 'bad' }).expect(401);
    await c.post('/api/v1/session', { username: 'wang', password: 'bad' }).expect(401);
    await c.post('/api/v1/session', { username: 'wang', password: 'bad' }).expect(423);

    t.clock.advance(11 * 60_000);
    await c.signIn('wang', 'Hw-Pass-1');
    await sys.patch('/api/v1/settings', { lockoutThreshold: 5, lockoutMinutes: 30 }).expect(200);
  });

  it('ends a staff session idle for 30 minutes, an administrator’s after 15, any after 12 hours', async () => {
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/users', {
        username: 'idle',
        name: '钱七',
        unit: '410200',
        password: 'Qa-Pass-2026',
      })
      .expect(201);
    const staff = t.client();
    await staff.signIn('idle', 'Qa-Pass-2026');
    await staff
      .post('/api/v1/session/password', { current: 'Qa-Pass-2026', next: 'Qb-Pass-2026' })
      .expect(204);
    await staff.signIn('idle', 'Qb-Pass-2026');
    t.clock.advance(29 * 60_000);
    await staff.get('/api/v1/units').expect(200);
    t.clock.advance(31 * 60_000);
    expect((await staff.get('/api/v1/units').expect(401)).error.code).toBe('SESSION_EXPIRED');

    const admin = await t.admin('auditadmin');
    t.clock.advance(14 * 60_000);
    await admin.get('/api/v1/audit').expect(200);
    t.clock.advance(16 * 60_000);
    expect((await admin.get('/api/v1/audit').expect(401)).error.code).toBe('SESSION_EXPIRED');

    // Active every 25 minutes, never idle: alive for 11 h 40 min, ended past 12 h.
    await staff.signIn('idle', 'Qb-Pass-2026');
    for (let step = 0; step < 28; step += 1) {
      t.clock.advance(25 * 60_000);
      await staff.get('/api/v1/units').expect(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await staff.get('/api/v1/units').expect(401)).error.code).toBe('SESSION_EXPIRED');
  });

  it('signs out: the cookie no longer works', async () => {
    const c = await t.admin('auditadmin');
    const token = c.cookies.get('liuhen_session')!;
    await c.delete('/api/v1/session').expect(204);

    const replay = t.client();
    replay.cookies.set('liuhen_session', token);
    await replay.get('/api/v1/audit').expect(401);
  });

  it('stores only a hash of the password, never the password itself', async () => {
    const row = await t.instance.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'sysadmin')
      .executeTakeFirstOrThrow();

    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(ADMIN_ONE_TIME);
  });
});

describeEachEngine('cookies behind a TLS-terminating proxy', (engine) => {
  it('names the session cookie __Host- and marks it Secure when the request came over HTTPS', async () => {
    const t = await startTestApp(engine, { trustProxy: true });
    try {
      const overHttps = { 'x-forwarded-proto': 'https' };
      const first = await t.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: overHttps,
      });
      const pre = String(first.headers['set-cookie']).split(';')[0]!;
      expect(pre).toMatch(/^__Host-liuhen_pre=/);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { ...overHttps, 'x-csrf-token': first.json().csrfToken, cookie: pre },
        payload: { username: 'auditadmin', password: ADMIN_ONE_TIME },
      });

      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-liuhen_session=.*Secure/);
    } finally {
      await t.close();
    }
  });
});
