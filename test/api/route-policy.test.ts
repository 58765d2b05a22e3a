/**
 * Every registered API route, called by every kind of principal, against the policy table
 * (issue 8, Access): a principal the table denies gets 401 (not signed in) or 403 FORBIDDEN
 * from the policy layer, before anything else looks at the request; a principal it allows is
 * never turned away by the policy layer (object-level checks may still answer 403 or 404).
 * A route whose action is missing from the table fails, as does a table entry no route uses.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allows, type Holder, policy } from '../../src/auth/policy.js';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Principal {
  name: string;
  holder: Holder | null;
  client: ApiClient;
  signIn?: () => Promise<void>;
}

const SAMPLE_PARAMS: Record<string, string> = {
  unit: '410221',
  code: '410221',
  period: '2020Q1',
  year: '2020',
  username: 'nobody-here',
  index: '0',
  date: '2020-10-01',
};

/** A concrete URL for a route pattern: sample values for its parameters. */
function concrete(url: string): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? randomUUID())
    .replace(/\*$/, 'x');
}

/** Routes whose allowed call would end the caller's own session or rotate the instance keys. */
const DISRUPTIVE = new Set(['DELETE /api/v1/session', 'POST /api/v1/keys/rotate']);

describeEachEngine('every route against the policy table', (engine) => {
  let t: TestApp;
  const principals: Principal[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    const sec = await t.admin('secadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    principals.push({ name: 'anonymous', holder: null, client: t.client() });
    for (const role of ['sysadmin', 'secadmin', 'auditadmin'] as const) {
      principals.push({
        name: role,
        holder: { adminRole: role, roles: [] },
        client: await t.admin(role),
        signIn: async () => {
          Object.assign(principals.find((p) => p.name === role)!, {
            client: await t.admin(role),
          });
        },
      });
    }
    const business = [
      ['staff', []],
      ['recorder', [{ role: 'recorder', unit: '410221' }]],
      ['filler', [{ role: 'filler', unit: '410221' }]],
      ['ruleOfLawLeader', [{ role: 'ruleOfLawLeader', unit: '410221' }]],
      ['principal', [{ role: 'principal', unit: '410221' }]],
      ['reviewer', [{ role: 'reviewer', unit: '410200' }]],
    ] as const;
    for (const [name, roles] of business) {
      const username = `walk-${name.toLowerCase()}`;
      await sys
        .post('/api/v1/users', { username, name, unit: '410221', password: 'First-Pass-01' })
        .expect(201);
      if (roles.length > 0) await sec.put(`/api/v1/users/${username}/roles`, roles).expect(200);
      const client = t.client();
      await client.signIn(username, 'First-Pass-01');
      await client
        .post('/api/v1/session/password', { current: 'First-Pass-01', next: 'Walk-Pass-2026' })
        .expect(204);
      const principal: Principal = {
        name,
        holder: { adminRole: null, roles: roles.map((r) => ({ ...r })) as Holder['roles'] },
        client,
        signIn: () => client.signIn(username, 'Walk-Pass-2026'),
      };
      await principal.signIn!();
      principals.push(principal);
    }
  });
  afterAll(() => t.close());

  it('names an action from the table on every API route, and uses every action of the table', () => {
    const api = t.app.routeActions.filter((r) => r.url.startsWith('/api/v1'));
    expect(api.length).toBeGreaterThan(80);
    for (const route of api) expect(Object.keys(policy), route.url).toContain(route.action);

    // web.read is the built web app's, which the API tests run without.
    const used = new Set([...t.app.routeActions.map((r) => r.action), 'web.read']);
    expect(Object.keys(policy).filter((action) => !used.has(action))).toEqual([]);
  });

  it('answers each principal on each route as the table says', async () => {
    const routes = t.app.routeActions.filter(
      (r) =>
        r.url.startsWith('/api/v1') &&
        r.method !== 'HEAD' &&
        r.method !== 'OPTIONS' &&
        !DISRUPTIVE.has(`${r.method} ${r.url}`),
    );
    const mismatches: string[] = [];
    const seen = { allowed: 0, denied: 0 };
    for (const route of routes) {
      const url = concrete(route.url);
      for (const principal of principals) {
        const allowed = allows(route.action, principal.holder);
        const call = () =>
          principal.client.request(
            route.method as never,
            url,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          );
        let res = await call();
        // An earlier call may have ended this principal's session (a password change ends the
        // others): sign in again and ask once more, so the answer is about this route.
        if (res.statusCode === 401 && principal.signIn) {
          await principal.signIn();
          res = await call();
        }
        const code = String(res.headers['content-type']).includes('json')
          ? (res.json() as { error?: { code?: string } }).error?.code
          : undefined;
        const deniedByPolicy =
          (res.statusCode === 401 && code === 'AUTH_REQUIRED') ||
          (res.statusCode === 403 && code === 'FORBIDDEN');
        seen[deniedByPolicy ? 'denied' : 'allowed'] += 1;
        if (allowed === deniedByPolicy)
          mismatches.push(
            `${route.method} ${route.url} as ${principal.name}: table ${allowed ? 'allows' : 'denies'}, got ${res.statusCode} ${code ?? ''}`,
          );
      }
    }

    expect(mismatches).toEqual([]);
    // The walk did ask: every route with every principal, many of them turned away.
    expect(seen.allowed + seen.denied).toBe(routes.length * principals.length);
    expect(seen.denied).toBeGreaterThan(routes.length * 4);
    expect(seen.allowed).toBeGreaterThan(routes.length * 2);
  });
});
