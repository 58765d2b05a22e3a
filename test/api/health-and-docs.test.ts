import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('health, docs and errors', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz', async () => {
    expect(await t.client().get('/healthz').expect(200)).toEqual({ status: 'ok' });
    expect(await t.client().get('/readyz').expect(200)).toEqual({
      status: 'ok',
      engine: engine.name,
    });
  });

  it('serves the OpenAPI document and a local explorer under /api/docs', async () => {
    const doc = await t.client().get('/api/docs/json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/session',
        '/api/v1/units',
        '/api/v1/users/{username}/roles',
        '/api/v1/calendar/{period}',
      ]),
    );

    const page = await t.client().get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.(com|org|io|net)\//i);
  });

  it('answers unknown API paths and broken JSON with a Chinese error body', async () => {
    const missing = await t.client().get('/api/v1/nothing-here').expect(404);
    expect(missing.error.code).toBe('NOT_FOUND');

    const c = t.client();
    await c.refreshCsrf();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': c.csrf!,
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'BAD_REQUEST',
      message: '请求格式不正确，请检查后重试',
    });
  });

  it('requires sign-in for the API', async () => {
    const res = await t.client().get('/api/v1/units').expect(401);
    expect(res.error.code).toBe('AUTH_REQUIRED');
  });
});
