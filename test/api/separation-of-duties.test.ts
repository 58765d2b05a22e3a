/**
 * 三员分立: the three administrator roles are separate accounts with separate powers, and none
 * of them holds business roles (so none can read interference records).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('separation of duties', (engine) => {
  let t: TestApp;
  let sys: ApiClient;
  let sec: ApiClient;
  let audit: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sys = await t.admin('sysadmin');
    sec = await t.admin('secadmin');
    audit = await t.admin('auditadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
  });
  afterAll(() => t.close());

  it('creates exactly three administrator accounts, one role each', async () => {
    const { users } = await sys.get('/api/v1/users').expect(200);
    const admins = users.filter((u: { adminRole: string | null }) => u.adminRole);

    expect(
      admins.map((u: { username: string; adminRole: string }) => [u.username, u.adminRole]),
    ).toEqual([
      ['auditadmin', 'auditadmin'],
      ['secadmin', 'secadmin'],
      ['sysadmin', 'sysadmin'],
    ]);
  });

  it('gives each administrator only its own powers', async () => {
    const expectations: Array<[ApiClient, string, string, unknown, number]> = [
      [
        sys,
        'POST',
        '/api/v1/units',
        { code: '410299', name: '测试', kind: 'county', parent: '410200' },
        201,
      ],
      [
        sec,
        'POST',
        '/api/v1/units',
        { code: '410298', name: '测试', kind: 'county', parent: '410200' },
        403,
      ],
      [
        audit,
        'POST',
        '/api/v1/units',
        { code: '410297', name: '测试', kind: 'county', parent: '410200' },
        403,
      ],
      [sys, 'PATCH', '/api/v1/settings', { lockoutMinutes: 30 }, 200],
      [sec, 'PATCH', '/api/v1/settings', { lockoutMinutes: 30 }, 403],
      [audit, 'PATCH', '/api/v1/settings', { lockoutMinutes: 30 }, 403],
      [sec, 'POST', '/api/v1/users', { username: 'x1', name: '甲', unit: '410221' }, 403],
      [audit, 'GET', '/api/v1/users', undefined, 403],
      [sys, 'GET', '/api/v1/audit', undefined, 403],
      [sec, 'GET', '/api/v1/audit', undefined, 403],
      [audit, 'GET', '/api/v1/audit', undefined, 200],
    ];

    for (const [client, method, url, body, status] of expectations) {
      const res = await client.request(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(status);
    }
  });

  it('never gives an administrator account a business role, nor lets one grant itself', async () => {
    const res = await sec
      .put('/api/v1/users/sysadmin/roles', [{ role: 'recorder', unit: '410221' }])
      .expect(400);
    expect(res.error.code).toBe('ROLE_NOT_ALLOWED');
    const self = await sec
      .put('/api/v1/users/secadmin/roles', [{ role: 'reviewer', unit: '410200' }])
      .expect(403);
    expect(self.error.code).toBe('ROLE_SELF_GRANT');

    const rows = await t.instance.ctx.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select('users.username')
      .where('users.admin_role', 'is not', null)
      .execute();
    expect(rows).toEqual([]);
  });

  it('does not let the system administrator change or disable the administrator accounts', async () => {
    const res = await sys.patch('/api/v1/users/auditadmin', { active: false }).expect(403);
    expect(res.error.code).toBe('ADMIN_ACCOUNT_PROTECTED');
  });

  it('refuses to start with an API route that names no action from the policy table', async () => {
    const { buildServer } = await import('../../src/platform/http/server.js');
    const app = await buildServer(t.instance.ctx);

    expect(() => app.get('/api/v1/unguarded', async () => ({}))).toThrow(
      /no action from the policy table/,
    );
    await app.close();
  });
});
