/**
 * A schema fuzzer (issue 8, Web hardening): every registered API route gets random and hostile
 * bodies, query strings and path values from principals the policy lets through, and never
 * answers 5xx, never leaks a stack trace, and always answers JSON errors in Chinese.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Strings that have broken parsers and renderers elsewhere. */
const HOSTILE = [
  "'; DROP TABLE records; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u0000\u0001\uFFFF',
  '\uD800',
  '𠮷'.repeat(3000),
  ['$', '{jndi:ldap://x/a}'].join(''),
  '{{7*7}}',
  '=HYPERLINK("http://x")',
  '1e309',
  '-0',
  '2020Q5',
  '9999-99-99',
  '__proto__',
  'constructor',
];

const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const body = fc.oneof(
  fc.anything(),
  fc.dictionary(
    fc.constantFrom(
      'username',
      'password',
      'unit',
      'period',
      'role',
      'name',
      'from',
      'to',
      'format',
      'records',
      '__proto__',
    ),
    hostileValue,
  ),
  fc.array(hostileValue),
);

/** encodeURIComponent refuses lone surrogates; a browser would send U+FFFD in their place. */
const encode = (value: unknown) =>
  encodeURIComponent(String(value).replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

const DISRUPTIVE = new Set(['DELETE /api/v1/session', 'POST /api/v1/session/password']);

describeEachEngine('schema fuzzer', (engine) => {
  let t: TestApp;
  let clients: ApiClient[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    const sec = await t.admin('secadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    await sys
      .post('/api/v1/users', {
        username: 'fz-all',
        name: '模糊',
        unit: '410200',
        password: 'First-Pass-01',
      })
      .expect(201);
    await sec
      .put('/api/v1/users/fz-all/roles', [
        { role: 'reviewer', unit: '410200' },
        { role: 'filler', unit: '410200' },
        { role: 'recorder', unit: '410200' },
      ])
      .expect(200);
    const business = t.client();
    await business.signIn('fz-all', 'First-Pass-01');
    await business
      .post('/api/v1/session/password', { current: 'First-Pass-01', next: 'Fuzz-Pass-2026' })
      .expect(204);
    await business.signIn('fz-all', 'Fuzz-Pass-2026');
    clients = [sys, sec, await t.admin('auditadmin'), business, t.client()];
  });
  afterAll(() => t.close());

  it('never answers 5xx or shows a stack, whatever arrives', async () => {
    const routes = t.app.routeActions.filter(
      (r) =>
        r.url.startsWith('/api/v1') &&
        !['HEAD', 'OPTIONS'].includes(r.method) &&
        !DISRUPTIVE.has(`${r.method} ${r.url}`),
    );
    const failures: string[] = [];
    let requests = 0;
    const samples = fc.sample(fc.tuple(body, fc.string(), hostileValue), {
      numRuns: 8,
      seed: 20_260,
    });
    for (const route of routes) {
      for (const [payload, query, pathValue] of samples) {
        const url = `${route.url.replace(/:(\w+)/g, () => encode(pathValue))}?from=${encode(query)}&format=${encode(query)}`;
        for (const client of clients) {
          const res = await client.request(
            route.method as never,
            url,
            route.method === 'GET' ? undefined : JSON.stringify(payload ?? null),
            'application/json',
          );
          requests += 1;
          const text = res.body.slice(0, 2000);
          if (res.statusCode >= 500 || /\n\s+at |node_modules|Error: /.test(text))
            failures.push(`${route.method} ${route.url} → ${res.statusCode} ${text.slice(0, 200)}`);
          else if (
            res.statusCode >= 400 &&
            !/[\u4e00-\u9fff]/.test(res.json().error?.message ?? '')
          )
            failures.push(
              `${route.method} ${route.url} → ${res.statusCode} without a Chinese message`,
            );
        }
      }
    }

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(routes.length * 8);
  });
});
