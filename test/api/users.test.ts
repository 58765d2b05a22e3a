import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('users and roles', (engine) => {
  let t: TestApp;
  let sys: ApiClient;
  let sec: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sys = await t.admin('sysadmin');
    sec = await t.admin('secadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
  });
  afterAll(() => t.close());

  it('creates an account with a generated one-time password, returned once', async () => {
    const created = await sys
      .post('/api/v1/users', {
        username: 'qixian-liu',
        name: '刘新',
        unit: '410221',
        phone: '0371-22771231',
      })
      .expect(201);

    expect(created.user).toMatchObject({
      username: 'qixian-liu',
      name: '刘新',
      unit: '410221',
      phone: '0371-22771231',
      adminRole: null,
      mustChangePassword: true,
    });
    expect(created.password).toMatch(/^.{14}$/);
    const list = await sys.get('/api/v1/users').expect(200);
    expect(JSON.stringify(list)).not.toContain(created.password);

    const c = t.client();
    await c.signIn('qixian-liu', created.password);
  });

  it('creates an account with a given one-time password that meets the policy', async () => {
    const weak = await sys
      .post('/api/v1/users', { username: 'weak', name: '弱', unit: '410221', password: 'password' })
      .expect(400);
    expect(weak.error.code).toBe('PASSWORD_WEAK');

    const made = await sys
      .post('/api/v1/users', {
        username: 'qixian-zhao',
        name: '赵敏',
        unit: '410221',
        password: 'Zhao-Pass-1',
      })
      .expect(201);
    expect(made.password).toBeUndefined();
  });

  it.each([
    [{ username: 'a', name: '甲', unit: '410221' }, 'username'],
    [{ username: 'bad name', name: '甲', unit: '410221' }, 'username'],
    [{ username: 'okname', name: '', unit: '410221' }, 'name'],
    [{ username: 'okname', name: '甲', unit: '000000' }, 'unit'],
    [{ username: 'okname', name: '甲', unit: '410221', phone: 'call me' }, 'phone'],
    [{ username: 'okname', name: '甲', unit: '410221', role: 'sysadmin' }, ''],
  ])('refuses %j naming the field %s', async (body, field) => {
    const res = await sys.post('/api/v1/users', body);

    expect([400, 404]).toContain(res.statusCode);
    expect(JSON.stringify(res.json().error)).toContain(field);
    await sys.get('/api/v1/users').expect(200);
    const list = await sys.get('/api/v1/users').expect(200);
    expect(list.users.some((u: { username: string }) => u.username === 'okname')).toBe(false);
  });

  it('refuses a duplicate username', async () => {
    const res = await sys
      .post('/api/v1/users', { username: 'qixian-zhao', name: '又一个', unit: '410221' })
      .expect(409);
    expect(res.error.code).toBe('USER_EXISTS');
  });

  it('lets the security administrator, not the system administrator, give roles per unit', async () => {
    const grants = [
      { role: 'recorder', unit: '410221' },
      { role: 'filler', unit: '410221' },
    ];
    const denied = await sys.put('/api/v1/users/qixian-zhao/roles', grants).expect(403);
    expect(denied.error.code).toBe('FORBIDDEN');

    const roles = await sec.put('/api/v1/users/qixian-zhao/roles', grants).expect(200);
    expect(roles).toEqual([
      { role: 'filler', unit: '410221' },
      { role: 'recorder', unit: '410221' },
    ]);
    await sec
      .put('/api/v1/users/qixian-zhao/roles', [{ role: 'reviewer', unit: '410200' }, ...grants])
      .expect(200);
    const list = await sec.get('/api/v1/users').expect(200);
    const zhao = list.users.find((u: { username: string }) => u.username === 'qixian-zhao');
    expect(zhao.roles).toHaveLength(3);
  });

  it('refuses unknown roles and units', async () => {
    await sec
      .put('/api/v1/users/qixian-zhao/roles', [{ role: 'king', unit: '410221' }])
      .expect(400);
    await sec
      .put('/api/v1/users/qixian-zhao/roles', [{ role: 'recorder', unit: '999999' }])
      .expect(404);
    await sec.put('/api/v1/users/ghost/roles', []).expect(404);
  });

  it('ends the sessions of an account whose roles change', async () => {
    const c = t.client();
    await c.signIn('qixian-zhao', 'Zhao-Pass-1');
    await c
      .post('/api/v1/session/password', { current: 'Zhao-Pass-1', next: 'Zhao-Pass-2' })
      .expect(204);
    await c.get('/api/v1/units').expect(200);

    await sec
      .put('/api/v1/users/qixian-zhao/roles', [{ role: 'recorder', unit: '410221' }])
      .expect(200);
    await c.get('/api/v1/units').expect(401);
  });

  it('disables and re-enables an account; a disabled account cannot sign in', async () => {
    const c = t.client();
    await c.signIn('qixian-zhao', 'Zhao-Pass-2');
    const off = await sys.patch('/api/v1/users/qixian-zhao', { active: false }).expect(200);
    expect(off.active).toBe(false);
    await c.get('/api/v1/units').expect(401);
    const refused = await t
      .client()
      .post('/api/v1/session', { username: 'qixian-zhao', password: 'Zhao-Pass-2' })
      .expect(403);
    expect(refused.error.code).toBe('ACCOUNT_DISABLED');

    await sys
      .patch('/api/v1/users/qixian-zhao', { active: true, phone: '13800000000' })
      .expect(200);
    await t.client().signIn('qixian-zhao', 'Zhao-Pass-2');
  });

  it('resets a password to a one-time one (security administrator only)', async () => {
    await sys.post('/api/v1/users/qixian-zhao/password-reset').expect(403);
    const { password } = await sec.post('/api/v1/users/qixian-zhao/password-reset').expect(200);

    await t
      .client()
      .post('/api/v1/session', { username: 'qixian-zhao', password: 'Zhao-Pass-2' })
      .expect(401);
    const session = await t.client().signIn('qixian-zhao', password);
    expect(session.user.mustChangePassword).toBe(true);
  });
});
