/**
 * Where administrators may work from (issue 8, Authentication): a setting of address ranges;
 * outside them an administrator can neither sign in nor use a session already open; staff
 * are not affected; the list cannot be saved without the address of the one saving it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inRanges } from '../../src/auth/address-ranges.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('administrator address ranges', (engine) => {
  let t: TestApp;
  let outside: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    outside = await t.admin('sysadmin');
    await outside
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    await outside
      .post('/api/v1/users', {
        username: 'li',
        name: '李四',
        unit: '410200',
        password: 'Kf-Pass-2026',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('matches addresses and ranges of both versions, and IPv4 seen as IPv6', () => {
    const ranges = ['10.41.0.0/24', '192.168.9.9', 'fd00::/8'];
    expect(inRanges('10.41.0.200', ranges)).toBe(true);
    expect(inRanges('::ffff:10.41.0.8', ranges)).toBe(true);
    expect(inRanges('192.168.9.9', ranges)).toBe(true);
    expect(inRanges('fd12::1', ranges)).toBe(true);
    expect(inRanges('10.41.1.1', ranges)).toBe(false);
    expect(inRanges('2001:db8::1', ranges)).toBe(false);
    expect(inRanges('8.8.8.8', [])).toBe(true);
  });

  it('refuses a list that is malformed or leaves out the address of the one saving it', async () => {
    const bad = await outside.patch('/api/v1/settings', { adminAddressRanges: ['10.41.0.0/33'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toContain('前缀长度');
    const self = await outside.patch('/api/v1/settings', { adminAddressRanges: ['10.41.0.0/24'] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details[0].message).toContain('不包括您当前的地址 10.1.2.3');
  });

  it('keeps administrators outside the ranges out, sessions already open included', async () => {
    const inside = t.client('10.41.0.7');
    await inside.signIn('sysadmin', ADMIN_PASSWORD);
    await inside.patch('/api/v1/settings', { adminAddressRanges: ['10.41.0.0/24'] }).expect(200);

    const open = await outside.get('/api/v1/users').expect(403);
    expect(open.error.code).toBe('ADMIN_ADDRESS_DENIED');
    const stranger = t.client('10.99.0.1');
    await stranger.refreshCsrf();
    const refused = await stranger.post('/api/v1/session', {
      username: 'sysadmin',
      password: ADMIN_PASSWORD,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('允许的地址');
    await inside.get('/api/v1/users').expect(200);

    // Staff work from anywhere.
    const staff = t.client('10.99.0.2');
    await staff.signIn('li', 'Kf-Pass-2026');
    await staff
      .post('/api/v1/session/password', { current: 'Kf-Pass-2026', next: 'Kf-Pass-2027' })
      .expect(204);
    await staff.signIn('li', 'Kf-Pass-2027');
    await staff.get('/api/v1/units').expect(200);
  });
});
