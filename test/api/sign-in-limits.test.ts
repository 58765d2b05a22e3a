/**
 * Sign-in limits (issue 8, Authentication): a name without an account answers and locks
 * exactly as a real account does, so the lockout tells nobody which names exist; one address
 * failing across many names is stopped with 429 and a Retry-After, other addresses are not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('sign-in limits', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    await sys
      .post('/api/v1/users', {
        username: 'sun',
        name: '孙八',
        unit: '410200',
        password: 'Kf-Pass-2026',
      })
      .expect(201);
    await sys
      .post('/api/v1/users', {
        username: 'qian',
        name: '钱九',
        unit: '410200',
        password: 'Kf-Pass-2026',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  async function attempt(ip: string, username: string, password = 'Wrong-Pass-1') {
    const client = t.client(ip);
    await client.refreshCsrf();
    const res = await client.post('/api/v1/session', { username, password });
    return {
      status: res.statusCode,
      code: res.json().error?.code as string | undefined,
      message: res.json().error?.message as string | undefined,
      retryAfter: res.headers['retry-after'],
    };
  }

  it('answers and locks an unknown name exactly as a real account', async () => {
    const real = [];
    const unknown = [];
    for (let i = 0; i < 7; i += 1) {
      real.push(await attempt('10.9.0.1', 'sun'));
      unknown.push(await attempt('10.9.0.2', 'no-such-person'));
    }

    expect(unknown).toEqual(real);
    expect(real.map((r) => r.code)).toEqual([
      'AUTH_INVALID',
      'AUTH_INVALID',
      'AUTH_INVALID',
      'AUTH_INVALID',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
  });

  it('stops an address after 30 failed sign-ins in 10 minutes, with Retry-After', async () => {
    for (let i = 0; i < 30; i += 1) {
      const res = await attempt('10.9.1.1', `guess-${i % 10}`);
      expect(res.status, `attempt ${i + 1}`).not.toBe(429);
    }
    const stopped = await attempt('10.9.1.1', 'another-guess');
    expect(stopped.status).toBe(429);
    expect(stopped.code).toBe('SIGN_IN_RATE_LIMITED');
    expect(stopped.message).toContain('稍后再试');
    expect(Number(stopped.retryAfter)).toBeGreaterThan(0);
    expect(Number(stopped.retryAfter)).toBeLessThanOrEqual(600);
    // Even the right password waits: the address, not the account, is limited.
    expect((await attempt('10.9.1.1', 'qian', 'Kf-Pass-2026')).status).toBe(429);

    expect((await attempt('10.9.1.2', 'qian', 'Kf-Pass-2026')).status).toBe(200);
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await attempt('10.9.1.1', 'qian', 'Kf-Pass-2026')).status).toBe(200);
  });
});
